package dev.parley.deploy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies point inward: the core knows no platform, the adapters know the core but not each
 * other, and only deploy wires everything. Runs here because deploy sees every module.
 */
@AnalyzeClasses(packages = "dev.parley", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRuleTest {

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
}
