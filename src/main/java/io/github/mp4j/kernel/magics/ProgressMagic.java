package io.github.mp4j.kernel.magics;

/**
 * {@code %progress on|off}: whether maps that run longer than a second show a progress bar in the
 * running cell ({@code notebook.ProgressViews}); on unless turned off. {@code %progress} alone
 * prints the setting. One setting per JVM, as a JVM runs one notebook; plain programs use
 * {@code ProgressListener} instead.
 */
public final class ProgressMagic {

    static final String USAGE = "%progress on|off shows or hides the progress bars of maps running over a second";

    private static volatile boolean showing = true;

    private ProgressMagic() {}

    /** Whether new maps get a progress bar. */
    public static boolean showing() {
        return showing;
    }

    /** Registers {@code %progress}. */
    public static void register(MagicRegistry registry) {
        registry.line("progress", args -> {
            switch (args.strip()) {
                case "on" -> showing = true;
                case "off" -> showing = false;
                case "" -> { }
                default -> throw new IllegalArgumentException("unexpected '" + args.strip() + "'; usage: " + USAGE);
            }
            System.out.println("progress bars " + (showing ? "on" : "off"));
            return null;
        });
    }
}
