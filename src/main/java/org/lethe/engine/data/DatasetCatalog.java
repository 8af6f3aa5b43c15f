package org.lethe.engine.data;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.lethe.engine.LetheException;
import org.lethe.engine.job.JobContext;

/**
 * Resolves the dataset names the CLI and GUI accept: {@code mnist}, {@code fashion-mnist},
 * {@code cifar10} (case-insensitive; {@code fashion_mnist}, {@code cifar-10} also work); anything
 * else is a path.
 *
 * <ul>
 *   <li>{@code mnist}: {@code <sampleData>/mnist}, else {@code <userData>/mnist};</li>
 *   <li>{@code cifar10}: a full {@code cifar-10-binary.tar.gz} in {@code <userData>/cifar10/} or
 *       {@code <userData>/}, else {@code <sampleData>/cifar10/cifar-10-binary-subset.tar.gz};</li>
 *   <li>{@code fashion-mnist}: {@code /usr/share/datasets/fashion-mnist} (Debian package
 *       {@code dataset-fashion-mnist}), else {@code <userData>/fashion-mnist}.</li>
 * </ul>
 *
 * <p>The sample-data folder is the system property {@code lethe.sampleData}, else
 * {@code ./sample-data} when it exists, else {@code sample-data} in the folder above the one the
 * running jar (or classes folder) is in. The user data folder is the system property
 * {@code lethe.dataDir}, else the environment variable {@code LETHE_DATA_DIR}, else
 * {@code %LOCALAPPDATA%\Lethe} on Windows, {@code ~/Library/Application Support/Lethe} on macOS and
 * {@code $XDG_DATA_HOME/lethe} (by default {@code ~/.local/share/lethe}) elsewhere.
 */
public final class DatasetCatalog {

    /** Catalog name of MNIST. */
    public static final String MNIST = "mnist";
    /** Catalog name of Fashion-MNIST. */
    public static final String FASHION_MNIST = "fashion-mnist";
    /** Catalog name of CIFAR-10. */
    public static final String CIFAR10 = "cifar10";

    /** Display name of MNIST. */
    public static final String MNIST_DISPLAY_NAME = "MNIST";
    /** Display name of Fashion-MNIST. */
    public static final String FASHION_MNIST_DISPLAY_NAME = "Fashion-MNIST";
    /** Display name of CIFAR-10. */
    public static final String CIFAR10_DISPLAY_NAME = "CIFAR-10";

    /** MNIST's classes: the digits "0" to "9". */
    public static final List<String> MNIST_CLASSES =
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Fashion-MNIST's ten classes, by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser",
            "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Where the Debian package {@code dataset-fashion-mnist} installs its files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** The official full CIFAR-10 archive name. */
    public static final String CIFAR10_ARCHIVE = "cifar-10-binary.tar.gz";

    /** The CIFAR-10 subset shipped in sample-data. */
    public static final String CIFAR10_SUBSET_ARCHIVE = "cifar-10-binary-subset.tar.gz";

    private static final String CIFAR10_HOME = "https://www.cs.toronto.edu/~kriz/cifar.html";

    private final Path sampleDataDir;
    private final Path userDataDir;
    private final Path systemFashionDir;

    /**
     * A catalog over explicit folders (tests, or callers that configure them).
     *
     * @param sampleDataDir the folder holding {@code mnist/} and {@code cifar10/}
     * @param userDataDir the user's data folder
     */
    public DatasetCatalog(Path sampleDataDir, Path userDataDir) {
        this(sampleDataDir, userDataDir, DEBIAN_FASHION_MNIST);
    }

    DatasetCatalog(Path sampleDataDir, Path userDataDir, Path systemFashionDir) {
        this.sampleDataDir = Objects.requireNonNull(sampleDataDir, "sampleDataDir");
        this.userDataDir = Objects.requireNonNull(userDataDir, "userDataDir");
        this.systemFashionDir = Objects.requireNonNull(systemFashionDir, "systemFashionDir");
    }

    /** A catalog over the folders this process is configured with (see the class comment). */
    public static DatasetCatalog fromEnvironment() {
        return new DatasetCatalog(defaultSampleDataDir(), defaultUserDataDir());
    }

    /** The sample-data folder this catalog reads built-in datasets from. */
    public Path sampleDataDir() {
        return sampleDataDir;
    }

    /** The user's data folder (downloads, user-supplied copies). */
    public Path userDataDir() {
        return userDataDir;
    }

    /** The built-in names, in display order. */
    public static List<String> builtInNames() {
        return List.of(MNIST, FASHION_MNIST, CIFAR10);
    }

    /** The catalog name {@code name} stands for ("MNIST" and "fashion_mnist" included), or null. */
    public static String canonicalName(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (key) {
            case "mnist" -> MNIST;
            case "fashion-mnist", "fashionmnist" -> FASHION_MNIST;
            case "cifar10", "cifar-10" -> CIFAR10;
            default -> null;
        };
    }

    /** The display name of a built-in dataset, e.g. "CIFAR-10" for {@code cifar10}. */
    public static String displayName(String builtInName) {
        String canonical = canonicalName(builtInName);
        if (canonical == null) {
            throw new IllegalArgumentException("not a built-in dataset: " + builtInName);
        }
        return switch (canonical) {
            case MNIST -> MNIST_DISPLAY_NAME;
            case FASHION_MNIST -> FASHION_MNIST_DISPLAY_NAME;
            default -> CIFAR10_DISPLAY_NAME;
        };
    }

    /**
     * Resolves a built-in name or a path.
     *
     * @throws LetheException when a built-in dataset is not installed (saying where it looked and
     *     how to get it), or when {@code nameOrPath} is neither a built-in name nor an existing path
     */
    public DatasetSource resolve(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        String canonical = canonicalName(nameOrPath);
        if (canonical != null) {
            return switch (canonical) {
                case MNIST -> resolveMnist();
                case FASHION_MNIST -> resolveFashionMnist();
                default -> resolveCifar10();
            };
        }
        Path path;
        try {
            path = Path.of(nameOrPath);
        } catch (InvalidPathException e) {
            throw new LetheException("unknown dataset '" + nameOrPath + "': not one of "
                    + builtInNames() + " and not a valid path (" + e.getMessage() + ")", e);
        }
        if (!Files.exists(path)) {
            throw new LetheException("unknown dataset '" + nameOrPath + "': not one of "
                    + builtInNames() + ", and no file or folder " + path.toAbsolutePath() + " exists");
        }
        return DatasetSource.ofPath(path);
    }

    /** Resolves {@code nameOrPath} and reads it with a {@link DatasetLoader}. */
    public ImageDataset load(String nameOrPath, JobContext ctx) {
        return new DatasetLoader().load(resolve(nameOrPath), ctx);
    }

    private DatasetSource resolveMnist() {
        List<Path> candidates = List.of(sampleDataDir.resolve("mnist"), userDataDir.resolve("mnist"));
        for (Path dir : candidates) {
            if (IdxReader.find(dir).isPresent()) {
                return new DatasetSource(MNIST_DISPLAY_NAME, dir, MNIST_CLASSES);
            }
        }
        throw new LetheException("MNIST not found: looked for train-images-idx3-ubyte.gz,"
                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz"
                + " in " + describe(candidates) + ". Lethe ships them in sample-data/mnist: run from"
                + " the Lethe folder, or point -Dlethe.sampleData at the sample-data folder, or copy"
                + " the four files into " + candidates.get(1));
    }

    private DatasetSource resolveFashionMnist() {
        List<Path> candidates = List.of(systemFashionDir, userDataDir.resolve("fashion-mnist"));
        for (Path dir : candidates) {
            if (IdxReader.find(dir).isPresent()) {
                return new DatasetSource(FASHION_MNIST_DISPLAY_NAME, dir, FASHION_MNIST_CLASSES);
            }
        }
        throw new LetheException("Fashion-MNIST not found: looked for train-images-idx3-ubyte.gz,"
                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz"
                + " in " + describe(candidates) + ". On Debian or Ubuntu install it with"
                + " 'apt-get install dataset-fashion-mnist'; elsewhere copy the four files into "
                + candidates.get(1));
    }

    private DatasetSource resolveCifar10() {
        List<Path> candidates = List.of(userDataDir.resolve("cifar10").resolve(CIFAR10_ARCHIVE),
                userDataDir.resolve(CIFAR10_ARCHIVE),
                sampleDataDir.resolve("cifar10").resolve(CIFAR10_SUBSET_ARCHIVE));
        for (Path file : candidates) {
            if (Files.isRegularFile(file)) {
                return new DatasetSource(CIFAR10_DISPLAY_NAME, file, List.of());
            }
        }
        throw new LetheException("CIFAR-10 not found: looked for " + describe(candidates)
                + ". Download " + CIFAR10_ARCHIVE + " (the binary version) from " + CIFAR10_HOME
                + " into " + candidates.get(0).getParent() + ", or point -Dlethe.sampleData at"
                + " Lethe's sample-data folder for the 6,000-image subset");
    }

    private static String describe(List<Path> paths) {
        List<String> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(p.toAbsolutePath().toString());
        }
        return String.join(" and ", out);
    }

    /** The sample-data folder for this process (see the class comment). */
    public static Path defaultSampleDataDir() {
        return sampleDataDir(System::getProperty, Path.of("").toAbsolutePath(), codeLocation());
    }

    /** The user data folder for this process (see the class comment). */
    public static Path defaultUserDataDir() {
        return userDataDir(System::getProperty, System::getenv);
    }

    /**
     * Finds the sample-data folder.
     *
     * @param properties system property lookup
     * @param workingDir the current folder
     * @param codeLocation the jar file or classes folder this class was loaded from, or null
     */
    static Path sampleDataDir(UnaryOperator<String> properties, Path workingDir, Path codeLocation) {
        String configured = properties.apply("lethe.sampleData");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path local = workingDir.resolve("sample-data");
        if (Files.isDirectory(local)) {
            return local;
        }
        if (codeLocation != null) {
            Path holder = codeLocation.toAbsolutePath().getParent();
            Path base = holder == null ? null : holder.getParent();
            if (base != null) {
                return base.resolve("sample-data");
            }
        }
        return local;
    }

    /**
     * Finds the user data folder.
     *
     * @param properties system property lookup ({@code lethe.dataDir}, {@code os.name},
     *     {@code user.home})
     * @param environment environment lookup ({@code LETHE_DATA_DIR}, {@code LOCALAPPDATA},
     *     {@code XDG_DATA_HOME})
     */
    static Path userDataDir(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String configured = properties.apply("lethe.dataDir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String fromEnv = environment.apply("LETHE_DATA_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path home = Path.of(Objects.requireNonNullElse(properties.apply("user.home"), "."));
        String os = Objects.requireNonNullElse(properties.apply("os.name"), "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = environment.apply("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local)
                    : home.resolve("AppData").resolve("Local");
            return base.resolve("Lethe");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Lethe");
        }
        String xdg = environment.apply("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve("lethe");
        }
        return home.resolve(".local").resolve("share").resolve("lethe");
    }

    private static Path codeLocation() {
        try {
            var source = DatasetCatalog.class.getProtectionDomain().getCodeSource();
            URL url = source == null ? null : source.getLocation();
            return url == null ? null : Path.of(url.toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
