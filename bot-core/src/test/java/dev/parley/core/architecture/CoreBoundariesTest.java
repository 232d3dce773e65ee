package dev.parley.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the core's infrastructure behind its ports: Jedis only in the Redis package, OkHttp only
 * in the HTTP clients of Groq and of the ticket trackers, the MCP SDK only in the MCP package, and
 * no chat platform anywhere.
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
  static final ArchRule okHttpOnlyInTheHttpClients = noClasses()
      .that().resideOutsideOfPackages("dev.parley.core.internal.llm.groq..",
          "dev.parley.core.internal.tickets.trackers..")
      .should().dependOnClassesThat().resideInAPackage("okhttp3..");

  @ArchTest
  static final ArchRule mcpSdkOnlyInTheMcpPackage = noClasses()
      .that().resideOutsideOfPackage("dev.parley.core.internal.tools.mcp..")
      .should().dependOnClassesThat().resideInAPackage("io.modelcontextprotocol..");
}
