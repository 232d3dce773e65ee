package dev.parley.discord.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The adapter reaches the core only through the in-port {@link dev.parley.core.engine.Conversations},
 * the reply port it implements, and the values they carry: never the engine, the stores or the
 * model client, so it runs against any implementation and on any number of instances.
 */
@AnalyzeClasses(packages = "dev.parley.discord", importOptions = ImportOption.DoNotIncludeTests.class)
class DiscordBoundariesTest {
  private static final Set<String> CORE_API = Set.of(
      "dev.parley.core.engine.Conversations",
      "dev.parley.core.engine.Conversations$TicketOutcome",
      "dev.parley.core.engine.IncomingMessage",
      "dev.parley.core.engine.Submission",
      "dev.parley.core.engine.Submission$Status",
      "dev.parley.core.engine.ReplySinkFactory",
      "dev.parley.core.engine.ChannelSettings",
      "dev.parley.core.conversation.ConversationKey",
      "dev.parley.core.reply.ReplySink",
      "dev.parley.core.reply.EditBudget",
      "dev.parley.core.reply.TokenBucket",
      "dev.parley.core.reply.DisplayText",
      "dev.parley.core.reply.EditRejectedException",
      "dev.parley.core.tickets.NewTicket",
      "dev.parley.core.tickets.Ticket",
      "dev.parley.core.access.AccessControl",
      "dev.parley.core.access.AccessControl$Verdict",
      "dev.parley.core.access.AccessDecision",
      "dev.parley.core.access.AccessPolicy",
      "dev.parley.core.access.AccessRequest",

      "dev.parley.core.logging.RedactedUrl");

  @ArchTest
  static final ArchRule onlyTheCoresPortsAndValues = classes()
      .should().onlyDependOnClassesThat(new DescribedPredicate<JavaClass>("outside the core or its public ports") {
        @Override
        public boolean test(JavaClass target) {
          return !target.getPackageName().startsWith("dev.parley.core") || CORE_API.contains(target.getName());
        }
      });

  @ArchTest
  static final ArchRule noOtherAdapterOrDeploy = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("dev.parley.slack..", "dev.parley.deploy..", "com.slack..");

  @ArchTest
  static final ArchRule jdaInternalsStayOut = noClasses()
      .should().dependOnClassesThat().resideInAPackage("net.dv8tion.jda.internal..");
}
