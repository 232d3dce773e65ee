package dev.parley.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the core's infrastructure behind its ports: Jedis only in the Redis package, OkHttp only
 * in the Groq client, and no chat platform anywhere.
 */
@AnalyzeClasses(packages = "dev.parley.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreBoundariesTest {

  @ArchTest
  static final ArchRule noChatPlatformInCore = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "net.dv8tion..", "dev.parley.slack..",
          "dev.parley.discord..", "dev.parley.deploy..");

  @ArchTest
  static final ArchRule redisOnlyInTheRedisPackage = noClasses()
      .that().resideOutsideOfPackage("dev.parley.core.internal.redis..")
      .should().dependOnClassesThat().resideInAPackage("redis.clients..");

  @ArchTest
  static final ArchRule okHttpOnlyInTheGroqClient = noClasses()
      .that().resideOutsideOfPackage("dev.parley.core.internal.llm.groq..")
      .should().dependOnClassesThat().resideInAPackage("okhttp3..");
}
