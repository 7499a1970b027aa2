package dev.flowdeck.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;

/** The module rules of ARCHITECTURE.md, checked on the production classes of all three modules. */
class ArchitectureTest {
    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.flowdeck");
    }

    @Test
    void engineNeverTouchesJavaFxTheEmbeddedInfrastructureOrTheApp() {
        noClasses().that().resideInAPackage("dev.flowdeck.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fair_acc..", "dev.flowdeck.infra..", "dev.flowdeck.app..")
                .check(all);
    }

    @Test
    void embeddedInfrastructureNeverTouchesTheEngineJavaFxOrTheApp() {
        noClasses().that().resideInAPackage("dev.flowdeck.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.flowdeck.engine..", "dev.flowdeck.app..")
                .check(all);
    }

    @Test
    void onlyTheCommandLineWritesToStandardStreams() {
        // The command line: the cli package, Main, and the bench commands (picocli commands that live with their benchmarks).
        noClasses().that().resideOutsideOfPackage("dev.flowdeck.app.cli..")
                .and().doNotHaveFullyQualifiedName(Main.class.getName())
                .and().areNotAnnotatedWith(CommandLine.Command.class)
                .should(ACCESS_STANDARD_STREAMS)
                .check(all);
    }

    @Test
    void viewModelsHoldNoNodes() {
        classes().that().haveSimpleNameEndingWith("ViewModel")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("javafx.scene..", "io.fair_acc.chartfx..")
                .allowEmptyShould(true)
                .check(all);
    }

    @Test
    void kafkaInternalsStayInTheEmbeddedInfrastructure() {
        noClasses().that().resideOutsideOfPackage("dev.flowdeck.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("kafka..", "org.apache.kafka.server..", "org.apache.kafka.metadata..",
                        "org.apache.kafka.raft..", "org.apache.kafka.storage..")
                .check(all);
    }
}
