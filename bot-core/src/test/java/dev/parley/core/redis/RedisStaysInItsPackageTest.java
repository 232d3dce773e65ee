package dev.parley.core.redis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Jedis types may appear in {@code dev.parley.core.redis} only, never in a port or another package. */
@AnalyzeClasses(packages = "dev.parley.core", importOptions = ImportOption.DoNotIncludeTests.class)
class RedisStaysInItsPackageTest {

  @ArchTest
  static final ArchRule onlyTheRedisPackageKnowsJedis = noClasses()
      .that().resideOutsideOfPackage("dev.parley.core.redis..")
      .should().dependOnClassesThat().resideInAPackage("redis.clients..");
}
