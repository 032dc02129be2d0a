package dev.engram.testing;

import java.util.UUID;

/** Fresh user names, so tests sharing the local stack never see each other's data. */
public final class Users {

    private Users() {
    }

    public static String fresh(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
