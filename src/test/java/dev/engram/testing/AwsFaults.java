package dev.engram.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Faults only AWS produces, injected into the SDK clients of the tests (registered in the test profile as an
 * execution interceptor of the DynamoDB and SQS clients). A fault is thrown before the request is sent, so the local
 * stand-in never sees it, exactly as a cancelled transaction writes nothing. Nothing is injected unless a test arms
 * a fault; {@link #clear()} disarms them all.
 */
public final class AwsFaults implements ExecutionInterceptor {

    private static final List<Fault> FAULTS = new CopyOnWriteArrayList<>();

    /** An armed fault: the operation it hits, which requests, how many more times, and what it throws. */
    private record Fault(String operation, Predicate<SdkRequest> when, AtomicInteger skip, AtomicInteger left,
            Supplier<? extends SdkException> error, AtomicInteger thrown) {
    }

    /** The SDK builds interceptors by class name. */
    public AwsFaults() {
    }

    /**
     * Makes the next {@code times} calls of {@code operation} (e.g. {@code TransactWriteItems}) whose request
     * mentions {@code text} fail with {@code error}; returns a counter of the faults thrown so far.
     */
    public static AtomicInteger inject(String operation, String text, int times,
            Supplier<? extends SdkException> error) {
        return injectAfter(operation, text, 0, times, error);
    }

    /** As {@link #inject}, letting the first {@code skip} matching calls through. */
    public static AtomicInteger injectAfter(String operation, String text, int skip, int times,
            Supplier<? extends SdkException> error) {
        AtomicInteger thrown = new AtomicInteger();
        FAULTS.add(new Fault(operation, r -> r.toString().contains(text), new AtomicInteger(skip),
                new AtomicInteger(times), error, thrown));
        return thrown;
    }

    /**
     * Makes the next {@code times} downloads (S3 {@code GetObject}) whose request mentions {@code text} break off
     * after {@code afterBytes} bytes, as a connection reset in the middle of a download does.
     */
    public static AtomicInteger breakDownloads(String text, int times, long afterBytes) {
        AtomicInteger thrown = new AtomicInteger();
        BROKEN_DOWNLOADS.add(new BrokenDownload(r -> r.toString().contains(text), new AtomicInteger(times),
                afterBytes, thrown));
        return thrown;
    }

    private record BrokenDownload(Predicate<SdkRequest> when, AtomicInteger left, long afterBytes,
            AtomicInteger thrown) {
    }

    private static final List<BrokenDownload> BROKEN_DOWNLOADS = new CopyOnWriteArrayList<>();

    /**
     * Runs {@code action} once, just before the next call of {@code operation} whose request mentions {@code text}
     * is sent: a concurrent writer that gets in between two steps of the code under test.
     */
    public static void before(String operation, String text, Runnable action) {
        FAULTS.add(new Fault(operation, r -> r.toString().contains(text), new AtomicInteger(), new AtomicInteger(1),
                () -> {
                    action.run();
                    return null;
                }, new AtomicInteger()));
    }

    /**
     * Runs {@code action} once, just after the next call of {@code operation} whose request mentions {@code text}
     * has been answered, before the caller sees the answer.
     */
    public static void after(String operation, String text, Runnable action) {
        AFTER.add(new Fault(operation, r -> r.toString().contains(text), new AtomicInteger(), new AtomicInteger(1),
                () -> {
                    action.run();
                    return null;
                }, new AtomicInteger()));
    }

    private static final List<Fault> AFTER = new CopyOnWriteArrayList<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (Fault f : AFTER) {
            if (f.operation().equals(operation) && f.when().test(context.request())
                    && f.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                f.error().get();
            }
        }
    }

    /** Disarms every fault. */
    public static void clear() {
        FAULTS.clear();
        BROKEN_DOWNLOADS.clear();
        AFTER.clear();
    }

    @Override
    public java.util.Optional<java.io.InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        var content = context.responseBody();
        if (content.isEmpty() || !"GetObject".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return content;
        }
        for (BrokenDownload b : BROKEN_DOWNLOADS) {
            if (b.when().test(context.request()) && b.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return java.util.Optional.of(new java.io.FilterInputStream(content.get()) {
                    private long read;

                    @Override
                    public int read() throws java.io.IOException {
                        check(1);
                        int c = super.read();
                        read += c < 0 ? 0 : 1;
                        return c;
                    }

                    @Override
                    public int read(byte[] buffer, int off, int len) throws java.io.IOException {
                        check(len);
                        int n = super.read(buffer, off, (int) Math.min(len, Math.max(1, b.afterBytes() - read)));
                        read += Math.max(0, n);
                        return n;
                    }

                    private void check(int wanted) throws java.io.IOException {
                        if (read >= b.afterBytes()) {
                            b.thrown().incrementAndGet();
                            throw new java.io.IOException("Connection reset (injected)");
                        }
                    }
                });
            }
        }
        return content;
    }

    /**
     * A TransactWriteItems cancellation as DynamoDB reports it: one reason per item of the transaction, in order
     * ({@code None}, {@code ConditionalCheckFailed}, {@code TransactionConflict}, {@code ThrottlingError}, ...).
     */
    public static TransactionCanceledException cancelled(String... codes) {
        List<CancellationReason> reasons = java.util.Arrays.stream(codes)
                .map(c -> CancellationReason.builder().code(c).message("None".equals(c) ? null : c + " (injected)")
                        .build())
                .toList();
        return (TransactionCanceledException) TransactionCanceledException.builder()
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons "
                        + java.util.Arrays.toString(codes))
                .cancellationReasons(reasons).statusCode(400).build();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (Fault f : FAULTS) {
            if (f.operation().equals(operation) && f.when().test(context.request())
                    && f.skip().getAndUpdate(n -> Math.max(0, n - 1)) == 0
                    && f.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                f.thrown().incrementAndGet();
                SdkException error = f.error().get();
                if (error != null) {
                    throw error;
                }
            }
        }
    }
}
