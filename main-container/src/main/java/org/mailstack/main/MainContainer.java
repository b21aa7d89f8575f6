package org.mailstack.main;

public final class MainContainer {
    private MainContainer() {}

    public static void main(String[] args) {
        throw new UnsupportedOperationException("not built yet");
    }
}
