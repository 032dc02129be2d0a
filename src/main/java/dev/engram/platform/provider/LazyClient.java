package dev.engram.platform.provider;

import java.util.function.Supplier;

/**
 * A provider client built on first use and then shared: settings are read when the first call needs them, not when
 * the application starts, so a function that never calls the provider never needs its key.
 */
public final class LazyClient<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T client;

    public LazyClient(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = factory.get();
                }
                c = client;
            }
        }
        return c;
    }
}
