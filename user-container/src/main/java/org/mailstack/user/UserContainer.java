package org.mailstack.user;

public final class UserContainer {
    private UserContainer() {}

    public static void main(String[] args) {
        throw new UnsupportedOperationException("not built yet");
    }
}
