package org.lethe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the layers apart: the engine knows no screen, charts know no JavaFX, only the CLI prints. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lethe");
    }

    @Test
    void engineAndChartsUseNoJavaFx() {
        noClasses().that().resideInAnyPackage("org.lethe.engine..", "org.lethe.viz..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void engineUsesNoCharts() {
        noClasses().that().resideInAPackage("org.lethe.engine..")
                .should().dependOnClassesThat().resideInAPackage("org.jfree..")
                .check(classes);
    }

    @Test
    void engineDoesNotDependOnOuterLayers() {
        noClasses().that().resideInAPackage("org.lethe.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.lethe.ui..", "org.lethe.cli..", "org.lethe.app..", "org.lethe.viz..")
                .check(classes);
    }

    @Test
    void onlyTheCliWritesToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("org.lethe.cli..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .check(classes);
    }
}
