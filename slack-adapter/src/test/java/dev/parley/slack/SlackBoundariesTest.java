package dev.parley.slack;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.api.AccessDecision;
import dev.parley.core.internal.access.AccessPolicy;
import dev.parley.core.api.AccessRequest;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.reply.ReplySinkFactory;
import dev.parley.core.api.Submission;
import dev.parley.core.api.RedactedUrl;
import dev.parley.core.api.reply.DisplayText;
import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.EditRejectedException;
import dev.parley.core.api.reply.ReplySink;
import dev.parley.core.api.reply.TokenBucket;
import dev.parley.core.api.reply.InMemoryStreamCheckpoints;
import dev.parley.core.api.reply.StreamCheckpoint;
import dev.parley.core.api.reply.StreamCheckpoints;
import org.junit.jupiter.api.Test;

/** The adapter reaches the core only through its in-port and the reply port, never the engine. */
class SlackBoundariesTest {
  private final JavaClasses adapter = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.parley.slack");

  @Test
  void dependsOnCorePortsOnly() {
    assertThat(adapter.contain(SlackAdapter.class) && adapter.contain(SlackReplySink.class)).isTrue();
    classes().that().resideInAPackage("dev.parley.slack..")
        .should().onlyDependOnClassesThat(or(resideOutsideOfPackage("dev.parley.core.."),
            belongToAnyOf(Conversations.class, IncomingMessage.class, Submission.class, Submission.Status.class,
                ReplySinkFactory.class, ChannelSettings.class, ConversationKey.class, ReplySink.class,
                EditBudget.class, EditRejectedException.class, TokenBucket.class, AccessControl.class,
                AccessControl.Verdict.class, AccessDecision.class, AccessPolicy.class, AccessRequest.class,
                RedactedUrl.class, DisplayText.class, StreamCheckpoints.class, StreamCheckpoint.class,
                InMemoryStreamCheckpoints.class)))
        .check(adapter);
  }
}
