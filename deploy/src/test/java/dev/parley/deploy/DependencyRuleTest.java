package dev.parley.deploy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies point inward. An adapter (Slack, Discord, the console) sees the core only through
 * {@code dev.parley.core.api}; the core knows no platform; the adapters do not know each other;
 * only deploy wires everything, internals included. Runs here because deploy sees every module.
 */
@AnalyzeClasses(packages = "dev.parley",
    importOptions = {ImportOption.DoNotIncludeTests.class, DependencyRuleTest.NoTestJars.class})
class DependencyRuleTest {
  private static final String[] ADAPTERS = {"dev.parley.slack..", "dev.parley.discord..", "dev.parley.core.console.."};

  /** The one rule that replaces lists of allowed core types: the api package is the list. */
  @ArchTest
  static final ArchRule adaptersUseOnlyTheCoreApi = classes()
      .that().resideInAnyPackage(ADAPTERS)
      .should().onlyDependOnClassesThat(new DescribedPredicate<JavaClass>("outside the core, or in core.api") {
        @Override
        public boolean test(JavaClass target) {
          String pkg = target.getPackageName();
          return !pkg.startsWith("dev.parley.core") || pkg.startsWith("dev.parley.core.api")
              || pkg.startsWith("dev.parley.core.console");
        }
      });

  @ArchTest
  static final ArchRule coreSlicesAreFreeOfCycles = slices()
      .matching("dev.parley.core.(**)")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule apiStandsAlone = noClasses()
      .that().resideInAPackage("dev.parley.core.api..")
      .should().dependOnClassesThat().resideOutsideOfPackages("dev.parley.core.api..", "java..", "javax.annotation..");

  @ArchTest
  static final ArchRule coreKnowsNoAdapter = noClasses()
      .that().resideInAPackage("dev.parley.core..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.parley.slack..", "dev.parley.discord..", "dev.parley.deploy..", "com.slack..", "net.dv8tion..");

  @ArchTest
  static final ArchRule slackKnowsNeitherDiscordNorDeploy = noClasses()
      .that().resideInAPackage("dev.parley.slack..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.parley.discord..", "dev.parley.deploy..", "net.dv8tion..");

  @ArchTest
  static final ArchRule discordKnowsNeitherSlackNorDeploy = noClasses()
      .that().resideInAPackage("dev.parley.discord..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.parley.slack..", "dev.parley.deploy..", "com.slack..");

  /**
   * In {@code verify} the other modules' test code arrives as {@code -tests.jar} files, which
   * {@link ImportOption.DoNotIncludeTests} (it looks for test-classes folders) lets through; tests
   * may use the core's internals to build an engine, so they stay out of these rules.
   */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar");
    }
  }

  @ArchTest
  static final ArchRule jdaInternalsStayOut = noClasses()
      .that().resideInAPackage("dev.parley.discord..")
      .should().dependOnClassesThat().resideInAPackage("net.dv8tion.jda.internal..");
}
