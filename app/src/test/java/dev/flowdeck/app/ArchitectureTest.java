package dev.flowdeck.app;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.flowdeck.engine.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.properties.HasReturnType.Predicates.rawReturnType;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module rules of ARCHITECTURE.md, checked on the production classes of all three modules. */
class ArchitectureTest {
    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // the engine's test fixtures (FakeRegistry)
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

    /** Every package of the app is a slice, the root (Main) included: none may reach back to one that reaches it. */
    @Test
    void appPackagesAreFreeOfCycles() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return c.getPackageName().startsWith("dev.flowdeck.app") ? SliceIdentifier.of(c.getPackageName()) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of dev.flowdeck.app";
            }
        }).should().beFreeOfCycles().check(all);
    }

    /** The engine assembles the pipeline: stages are built by its parts only, never by the console or the command line. */
    @Test
    void onlyTheEngineConstructsStages() {
        noClasses().that().resideOutsideOfPackage("dev.flowdeck.engine..")
                .should().callConstructorWhere(target(owner(assignableTo(Stage.class))))
                .orShould().callMethodWhere(target(owner(assignableTo(Stage.class))).and(target(rawReturnType(assignableTo(Stage.class)))))
                .check(all);
    }
}
