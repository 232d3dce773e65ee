package dev.parley.core.testing;

import static org.awaitility.Awaitility.await;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.ThreadPoster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ThreadPoster} that records what it posts, and can be told to refuse the next posts
 * the way an adapter does when the platform refuses ({@link ThreadPoster.ThreadPostException}).
 * Thread-safe.
 */
public final class StatusPostRecorder implements ThreadPoster {

  /** One post that landed. */
  public record Post(ConversationKey conversation, String text, String onCallGroupId) {}

  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final AtomicInteger refusals = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();

  @Override
  public void post(ConversationKey conversation, String text, String onCallGroupId) {
    attempts.incrementAndGet();
    if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new ThreadPostException("channel_not_found (scripted refusal)", null);
    }
    posts.add(new Post(conversation, text, onCallGroupId));
  }

  /** The next {@code count} posts fail. */
  public void refuseNext(int count) {
    refusals.set(count);
  }

  public List<Post> posts() {
    return List.copyOf(posts);
  }

  /** Every call, refused ones included. */
  public int attempts() {
    return attempts.get();
  }

  /** Waits until {@code count} posts landed, then returns them all. */
  public List<Post> awaitPosts(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> posts.size() >= count);
    return posts();
  }
}
