package router.tests;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The direction of dependencies, checked on the compiled main classes of router-messages, router-actors and
 * router-node: modules point {@code node → actors → messages}; inside the engine, packages point one way (see
 * docs/architecture.md §2); integration backends do not know each other; pekko-http's internal API is used by the
 * frame codec only.
 */
class ArchitectureTest {
  private static final String[] MESSAGES = {"router", "router.model..", "router.errors..", "router.ids..",
      "router.concurrent..", "router.protocol.."};
  private static final String[] ACTORS = {"router.engine..", "router.deploy..", "router.connection..",
      "router.runtime..", "router.config..", "router.integration..", "router.template..", "router.expression..",
      "router.storage..", "router.metrics.."};

  private static final String[] ACTORS_BUT_METRICS = java.util.Arrays.stream(ACTORS)
      .filter(p -> !p.equals("router.metrics..")).toArray(String[]::new);

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("router");
  }

  @Test
  void importsTheClassesOfEveryModule() {
    // Guards the rules below against passing on an empty import.
    org.junit.jupiter.api.Assertions.assertTrue(classes.containPackage("router.model"));
    org.junit.jupiter.api.Assertions.assertTrue(classes.containPackage("router.runtime"));
    org.junit.jupiter.api.Assertions.assertTrue(classes.containPackage("router.node.ws"));
    org.junit.jupiter.api.Assertions.assertTrue(classes.containPackage("router.embed"));
  }

  @Test
  void messagesDependOnNoOtherModule() {
    noClasses().that().resideInAnyPackage(MESSAGES)
        .should().dependOnClassesThat().resideInAnyPackage(ACTORS)
        .orShould().dependOnClassesThat().resideInAPackage("router.node..")
        .check(classes);
  }

  @Test
  void theEngineDoesNotDependOnTheNode() {
    noClasses().that().resideInAnyPackage(ACTORS)
        .should().dependOnClassesThat().resideInAPackage("router.node..")
        .orShould().dependOnClassesThat().resideInAPackage("router.embed..")
        .check(classes);
  }

  @Test
  void enginePackagesPointOneWay() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Embed").definedBy("router.embed..")
        .layer("Node").definedBy("router.node..")
        .layer("Engine").definedBy("router.engine..")
        .layer("Deploy").definedBy("router.deploy..")
        .layer("Connection").definedBy("router.connection..")
        .layer("Runtime").definedBy("router.runtime..")
        .layer("Config").definedBy("router.config..")
        .layer("Integration").definedBy("router.integration..")
        .layer("Template").definedBy("router.template..")
        .layer("Expression").definedBy("router.expression..")
        .layer("Storage").definedBy("router.storage..")
        .layer("Metrics").definedBy("router.metrics..")
        // The public API for host applications (router.embed) composes the node's routes; nothing uses it.
        .whereLayer("Embed").mayNotBeAccessedByAnyLayer()
        .whereLayer("Node").mayOnlyBeAccessedByLayers("Embed")
        .whereLayer("Engine").mayOnlyBeAccessedByLayers("Node", "Embed")
        .whereLayer("Deploy").mayOnlyBeAccessedByLayers("Engine", "Node")
        .whereLayer("Connection").mayOnlyBeAccessedByLayers("Engine", "Node", "Embed")
        .whereLayer("Runtime").mayOnlyBeAccessedByLayers("Connection", "Deploy", "Engine", "Node")
        .whereLayer("Config").mayOnlyBeAccessedByLayers("Deploy", "Engine", "Node", "Embed")
        .whereLayer("Integration").mayOnlyBeAccessedByLayers("Runtime", "Deploy", "Engine", "Node")
        .whereLayer("Template").mayOnlyBeAccessedByLayers("Runtime", "Deploy", "Config", "Engine", "Node")
        .whereLayer("Expression")
        .mayOnlyBeAccessedByLayers("Template", "Runtime", "Deploy", "Config", "Engine", "Node")
        .whereLayer("Storage").mayOnlyBeAccessedByLayers("Engine", "Node")
        // The reporting interfaces: anything on the data path may report; they know nothing of ours.
        .whereLayer("Metrics").mayOnlyBeAccessedByLayers("Runtime", "Deploy", "Connection", "Engine", "Node")
        .check(classes);
  }

  @Test
  void metricsInterfacesDependOnNothingOfTheEngine() {
    noClasses().that().resideInAPackage("router.metrics..")
        .should().dependOnClassesThat().resideInAnyPackage(ACTORS_BUT_METRICS)
        .check(classes);
  }

  @Test
  void integrationBackendsDoNotKnowEachOther() {
    // allowEmptyShould: the rule must hold from the first backend subpackage on, and not fail before one exists.
    // egress is not a backend but the policy every INTERNET backend applies: backends may use it, it uses none.
    slices().matching("router.integration.(*)..").should().notDependOnEachOther()
        .ignoreDependency(resideInAPackage("router.integration.."), resideInAPackage("router.integration.egress.."))
        .allowEmptyShould(true)
        .check(classes);
    noClasses().that().resideInAPackage("router.integration.egress..")
        .should().dependOnClassesThat(resideInAPackage("router.integration.*..")
            .and(not(resideInAPackage("router.integration.egress.."))))
        .allowEmptyShould(true)
        .check(classes);
    noClasses().that().resideInAPackage("router.integration")
        .should().dependOnClassesThat().resideInAPackage("router.integration.*..")
        .check(classes);
  }

  @Test
  void onlyTheFrameCodecUsesPekkoHttpInternals() {
    noClasses().that().resideOutsideOfPackage("router.node.ws..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.pekko.http.impl..")
        .check(classes);
  }
}
