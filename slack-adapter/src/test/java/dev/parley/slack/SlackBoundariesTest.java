package dev.parley.slack;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.parley.core.access.AccessControl;
import dev.parley.core.access.AccessDecision;
import dev.parley.core.access.AccessPolicy;
import dev.parley.core.access.AccessRequest;
import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.engine.ChannelSettings;
import dev.parley.core.engine.Conversations;
import dev.parley.core.engine.IncomingMessage;
import dev.parley.core.engine.ReplySinkFactory;
import dev.parley.core.engine.Submission;
import dev.parley.core.logging.RedactedUrl;
import dev.parley.core.reply.DisplayText;
import dev.parley.core.reply.EditBudget;
import dev.parley.core.reply.EditRejectedException;
import dev.parley.core.reply.ReplySink;
import dev.parley.core.reply.TokenBucket;
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
                RedactedUrl.class, DisplayText.class)))
        .check(adapter);
  }
}
