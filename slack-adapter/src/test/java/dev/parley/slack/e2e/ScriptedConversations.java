package dev.parley.slack.e2e;

import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.engine.ChannelSettings;
import dev.parley.core.engine.Conversations;
import dev.parley.core.engine.IncomingMessage;
import dev.parley.core.engine.ReplySinkFactory;
import dev.parley.core.engine.Submission;
import dev.parley.core.reply.ReplySink;
import dev.parley.core.tickets.NewTicket;
import dev.parley.core.tickets.Ticket;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Early smoke-test stand-in for the engine: answers every message with a fixed text in 3 steps. */
final class ScriptedConversations implements Conversations {
  @Override
  public Submission submit(IncomingMessage message, ReplySinkFactory sinks) {
    CompletableFuture<Submission.Outcome> done = new CompletableFuture<>();
    ReplySink sink = sinks.open();
    Thread.startVirtualThread(() -> {
      sink.start();
      String text = "echo: " + message.text();
      sink.update(text.substring(0, 3));
      sink.update(text.substring(0, 6));
      sink.finish(text);
      done.complete(Submission.Outcome.ANSWERED);
    });
    return new Submission() {
      public Status status() { return Status.ACCEPTED; }
      public void cancel() {}
      public CompletableFuture<Outcome> done() { return done; }
    };
  }

  public void stop(ConversationKey key) {}
  public void reset(ConversationKey key) {}
  public String currentModel(ConversationKey key) { return "m"; }
  public void switchModel(ConversationKey key, String model) {}
  public List<String> availableModels() { return List.of("m"); }
  public ChannelSettings settingsFor(ConversationKey key) { throw new UnsupportedOperationException(); }
  public void recordFeedback(ConversationKey key, String replyId, String userId, boolean positive) {}
  public Ticket createTicket(NewTicket ticket, String idempotencyKey) { throw new UnsupportedOperationException(); }
}
