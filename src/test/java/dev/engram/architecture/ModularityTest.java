package dev.engram.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.engram.memory.MemoryRepository;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.IdempotencyStore;
import dev.engram.progress.PageRangeLedger;
import dev.engram.review.ProposedMemory;
import dev.engram.review.ReviewInbox;
import dev.engram.review.ReviewService;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.junit.jupiter.api.Test;

/** Keeps the layout honest: features over the platform, no cycles between features, every API route guarded. */
class ModularityTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.engram");

    @Test
    void thePlatformNeverDependsOnAFeature() {
        noClasses().that().resideInAPackage("dev.engram.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.ingest..", "dev.engram.split..",
                        "dev.engram.extract..", "dev.engram.embed..", "dev.engram.process..", "dev.engram.review..",
                        "dev.engram.memory..", "dev.engram.progress..", "dev.engram.admin..", "dev.engram.chat..",
                        "dev.engram.profile..")
                .check(CLASSES);
    }

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        slices().matching("dev.engram.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void everyApiResourceRequiresAnAuthenticatedCaller() {
        classes().that().areAnnotatedWith(Path.class).and().resideOutsideOfPackage("dev.engram.platform.local..")
                .should().beAnnotatedWith(Authenticated.class).orShould().beAnnotatedWith(RolesAllowed.class)
                .check(CLASSES);
    }

    @Test
    void onlyRepositoriesOfAFeatureTouchItsEntities() {
        noClasses().that().resideOutsideOfPackages("dev.engram.memory..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.engram.memory.Memory")
                .check(CLASSES);
    }

    /**
     * Services and stages say what went wrong in the domain's words (platform.errors); only resources, the HTTP
     * edge, and the web platform build or throw HTTP answers.
     */
    @Test
    void onlyResourcesAndTheWebPlatformSpeakHttp() {
        noClasses().that().resideOutsideOfPackage("dev.engram.platform.web..").and().areNotAnnotatedWith(Path.class)
                .should().dependOnClassesThat(assignableTo(Response.class)
                        .or(nameMatching("jakarta\\.ws\\.rs\\.core\\.Response\\$.*"))
                        .or(assignableTo(WebApplicationException.class))
                        .as("are a JAX-RS Response (its builder, its status) or WebApplicationException"))
                .check(CLASSES);
    }

    @Test
    void domainExceptionsCarryNoHttp() {
        classes().that().resideInAPackage("dev.engram.platform.errors..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.engram.platform.errors..")
                .check(CLASSES);
    }

    @Test
    void oneMapperAnswersEveryError() {
        methods().that().areAnnotatedWith(ServerExceptionMapper.class)
                .should().beDeclaredIn("dev.engram.platform.web.ProblemMappers")
                .check(CLASSES);
        noClasses().should().implement(ExceptionMapper.class).check(CLASSES);
    }

    @Test
    void nothingThrowsTheHttpShapedApiExceptionAgain() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("dev.engram.platform.web.ApiException")
                .orShould().haveFullyQualifiedName("dev.engram.platform.web.ApiException")
                .check(CLASSES);
    }

    @Test
    void chunkOutcomesAreCountedByTheProcessStageAndReadWhereAFailureIsExplained() {
        // admin: the dead-letter sweep records a chunk's last failure and shows its reason; chat: a finished chat
        // job marks each message failed with its chunk's reason.
        onlyUsedBy(ChunkLedger.class, "dev.engram.process..", "dev.engram.admin..", "dev.engram.chat..");
    }

    @Test
    void pageRangesAreTheSplitStagesOwn() {
        onlyUsedBy(PageRangeLedger.class, "dev.engram.split..");
    }

    /**
     * Submissions (ingest) and chat posts each bind an Idempotency-Key to their request with the store's own key
     * rule and fingerprint, so one mechanism serves both and a key is a user's, whatever it was first used for.
     */
    @Test
    void idempotencyKeysAreTheSubmissionsAndChatPostsOwn() {
        onlyUsedBy(IdempotencyStore.class, "dev.engram.ingest..", "dev.engram.chat..");
    }

    /**
     * A feature's repositories (one per Postgres table, see {@link TableOwnershipTest}) and stores are its own: no
     * other feature uses them. The exception is a saved memory's repository, which review also uses so that a review
     * saves memories and marks its pending ones in one transaction.
     */
    @Test
    void repositoriesAndStoresStayInTheirFeature() {
        List<JavaClass> owned = CLASSES.stream()
                .filter(c -> c.getPackageName().startsWith("dev.engram.") && !c.getPackageName().startsWith(
                        "dev.engram.progress") && !c.getPackageName().startsWith("dev.engram.platform"))
                .filter(c -> c.getSimpleName().endsWith("Repository") || c.getSimpleName().endsWith("Store"))
                .toList();
        assertThat(owned).extracting(JavaClass::getSimpleName).contains("MemoryRepository",
                "PendingMemoryRepository", "ChunkRepository", "PendingMemoryStore");
        for (JavaClass repository : owned) {
            List<String> allowed = new ArrayList<>(List.of(repository.getPackageName() + ".."));
            if (repository.isEquivalentTo(MemoryRepository.class)) {
                allowed.add("dev.engram.review..");
            }
            noClasses().that().resideOutsideOfPackages(allowed.toArray(String[]::new))
                    .should().dependOnClassesThat().belongToAnyOf(repository.reflect())
                    .check(CLASSES);
        }
    }

    /**
     * The process stage hands proposals to review through review's inbox and purges through its service; review's
     * storage (pending memories, chunks, the store) stays out of its reach.
     */
    @Test
    void processReachesReviewOnlyThroughItsEntryPoints() {
        noClasses().that().resideInAPackage("dev.engram.process..")
                .should().dependOnClassesThat(resideInAPackage("dev.engram.review..")
                        .and(not(belongToAnyOf(ReviewInbox.class, ProposedMemory.class, ReviewService.class)))
                        .as("are review classes other than ReviewInbox, ProposedMemory and ReviewService"))
                .check(CLASSES);
    }

    /** Nobody outside {@code packages} and the job table's own package depends on {@code owned}. */
    private static void onlyUsedBy(Class<?> owned, String... packages) {
        String[] allowed = Stream.concat(Stream.of("dev.engram.progress.."), Arrays.stream(packages))
                .toArray(String[]::new);
        noClasses().that().resideOutsideOfPackages(allowed)
                .should().dependOnClassesThat().belongToAnyOf(owned)
                .check(CLASSES);
    }
}
