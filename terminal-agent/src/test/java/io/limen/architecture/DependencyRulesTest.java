package io.limen.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package graph stays a tree of stages under one composition root: no package of the agent
 * depends on one that depends back on it, and the fleet side and the wire formats never reach into
 * the terminal. Production classes only; tests may cross.
 */
class DependencyRulesTest {

    private static final JavaClasses LIMEN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.limen");

    @Test
    void limenPackages_theAgentsRootIncluded_areFreeOfCycles() {
        // Every package its own slice (io.limen.agent, io.limen.agent.policy, ...), across all modules.
        slices().matching("io.limen.(**)").should().beFreeOfCycles().check(LIMEN);
    }

    @Test
    void provisioningAndWireFormats_neverImportTheAgent() {
        noClasses().that().resideInAnyPackage("io.limen.provisioning..", "io.limen.format..")
                .should().dependOnClassesThat().resideInAPackage("io.limen.agent..")
                .check(LIMEN);
    }

    @Test
    void wireFormats_dependOnNothingOfLimenButThemselves() {
        noClasses().that().resideInAPackage("io.limen.format..")
                .should().dependOnClassesThat().resideInAnyPackage("io.limen.agent..", "io.limen.config..", "io.limen.provisioning..")
                .check(LIMEN);
    }
}
