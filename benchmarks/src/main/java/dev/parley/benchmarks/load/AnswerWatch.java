package dev.parley.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * Waits for a run's answers on either platform. It polls rather than listens because the fake
 * platforms only record calls; it gives up early once the fake has gone quiet, since a bot that
 * has stopped calling after Groq sent every answer will show nothing more.
 */
final class AnswerWatch {
  private AnswerWatch() {}

  /**
   * Waits until every question shows its whole answer, or until {@code quiet} passed with no call
   * reaching the fake platform and no answer finishing at the paced Groq, or until {@code deadline}.
   * Not "after Groq sent every answer": a question the bot refused (a notice, say that Redis was
   * unavailable) never reaches Groq, and waiting for it held a cold warm-up round to its deadline.
   *
   * @param id the conversation id the paced Groq keys a question's answer by
   * @param shows whether the platform shows the given answer text for a question
   * @param calls how many calls the fake platform has received so far
   * @return whether every question was answered
   */
  static <A> boolean awaitAnswered(List<A> asked, ToIntFunction<A> id, PacedGroq groq, BiPredicate<A, String> shows,
      IntSupplier calls, Duration quiet, Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    int lastProgress = -1;
    long quietSince = System.nanoTime();
    while (System.nanoTime() < end) {
      Thread.sleep(500);
      int answered = 0;
      int sentCount = 0;
      for (A a : asked) {
        PacedGroq.Sent sent = groq.sent(id.applyAsInt(a));
        if (sent == null) continue;
        sentCount++;
        if (shows.test(a, sent.text())) answered++;
      }
      if (answered == asked.size()) return true;
      int progress = calls.getAsInt() + sentCount;
      if (progress != lastProgress) {
        lastProgress = progress;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > quiet.toNanos()) {
        return false;
      }
    }
    return false;
  }
}
