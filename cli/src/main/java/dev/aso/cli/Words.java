package dev.aso.cli;

/** Counts in messages: "1 object", "3 objects". */
public final class Words {

    private Words() {
    }

    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
