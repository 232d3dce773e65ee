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
 * The adapter reaches the core only through the in-port {@link dev.parley.core.api.Conversations},
 * the reply port it implements, and the values they carry: never the engine, the stores or the
 * model client, so it runs against any implementation and on any number of instances.
 */
@AnalyzeClasses(packages = "dev.parley.discord", importOptions = ImportOption.DoNotIncludeTests.class)
class DiscordBoundariesTest {
  private static final Set<String> CORE_API = Set.of(
      "dev.parley.core.api.Conversations",
      "dev.parley.core.api.Conversations$TicketOutcome",
      "dev.parley.core.api.IncomingMessage",
      "dev.parley.core.api.Submission",
      "dev.parley.core.api.RegenerateRequest",
      "dev.parley.core.api.Submission$Status",
      "dev.parley.core.api.reply.ReplySinkFactory",
      "dev.parley.core.api.ChannelSettings",
      "dev.parley.core.api.ConversationKey",
      "dev.parley.core.api.reply.ReplySink",
      "dev.parley.core.api.reply.EditBudget",
      "dev.parley.core.api.reply.TokenBucket",
      "dev.parley.core.api.reply.DisplayText",
      "dev.parley.core.api.reply.EditRejectedException",
      "dev.parley.core.api.NewTicket",
      "dev.parley.core.api.Ticket",
      "dev.parley.core.internal.access.AccessControl",
      "dev.parley.core.internal.access.AccessControl$Verdict",
      "dev.parley.core.api.AccessDecision",
      "dev.parley.core.internal.access.AccessPolicy",
      "dev.parley.core.api.AccessRequest",

      "dev.parley.core.api.RedactedUrl");

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
