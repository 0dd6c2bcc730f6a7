package io.trailwatch.processors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The processors' layers, as Kafka Streams keeps {@code kstream} over {@code kstream.internals}: shared code at the
 * bottom ({@code config}: how definitions are kept and read; {@code common}: dead letters, counters, cross-instance
 * routing), the features above it, each owning its definitions (record, JSON shape, {@code DefinitionType}), and the
 * wiring on top ({@code definitions}: config files, packs and the writer, which know every kind; {@code runtime};
 * {@link TrailwatchTopology}).
 */
class ProcessorsLayersTest {

    private static final String ROOT = "io.trailwatch.processors";
    private static final String[] BOTTOM = {ROOT + ".config..", ROOT + ".common.."};
    private static final String[] FEATURES = {ROOT + ".aggregation..", ROOT + ".alarm..", ROOT + ".audit..",
        ROOT + ".dashboards..", ROOT + ".filter..", ROOT + ".history..", ROOT + ".logs..", ROOT + ".metrics..",
        ROOT + ".notify..", ROOT + ".rules.."};
    private static final String[] WIRING = {ROOT + ".definitions..", ROOT + ".runtime..", ROOT};

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    }

    @Test
    void theSharedCodeNamesNoFeatureAndNoWiring() {
        noClasses().that().resideInAnyPackage(BOTTOM)
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .orShould().dependOnClassesThat().resideInAnyPackage(WIRING)
            .because("a feature owns its definitions; the shared code only knows how any definition is read and kept")
            .check(classes);
    }

    @Test
    void featuresDoNotReachUpIntoTheWiring() {
        noClasses().that().resideInAnyPackage(FEATURES)
            .should().dependOnClassesThat().resideInAnyPackage(WIRING)
            .because("the wiring assembles the features; a feature that used it could not be built or tested alone")
            .check(classes);
    }

    @Test
    void theRuntimeRunsATopologyItIsGivenWithoutBuildingIt() {
        noClasses().that().resideInAPackage(ROOT + ".runtime..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".definitions..")
            .check(classes);
    }
}
