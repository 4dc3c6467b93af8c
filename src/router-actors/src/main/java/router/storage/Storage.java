package router.storage;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where API configuration is stored: chooses the pekko-persistence-jdbc database from {@code router.storage}
 * (embedded H2 file or PostgreSQL) and creates the journal tables when they are missing.
 */
public final class Storage {
  /** The PostgreSQL advisory lock under which a node creates the schema and tables ("router" in ASCII). */
  private static final long SCHEMA_LOCK = 0x726f75746572L;
  /** The sequence node tags are claimed from; created with the journal tables. */
  public static final String NODE_TAG_SEQUENCE = "router_node_tag";
  private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  /** The storage settings: the JDBC coordinates of the selected kind. */
  public record Settings(String kind, String url, String user, String password, String driver, String profile,
      String schema, int maxConnections, boolean createSchema) {}

  private Storage() {}

  /** Reads {@code router.storage} of a resolved config. */
  public static Settings settings(Config config) {
    Config storage = config.getConfig("router.storage");
    String kind = storage.getString("kind");
    int maxConnections = storage.getInt("max-connections");
    boolean create = storage.getBoolean("create-schema");
    return switch (kind) {
      case "h2" -> new Settings(kind, h2Url(storage), storage.getString("h2.user"),
          storage.getString("h2.password"), "org.h2.Driver", "slick.jdbc.H2Profile$", null, maxConnections, create);
      case "postgres" -> {
        String schema = storage.getString("postgres.schema");
        if (!SCHEMA_NAME.matcher(schema).matches()) {
          throw new IllegalArgumentException("router.storage.postgres.schema is not a plain SQL name: " + schema);
        }
        String url = storage.getString("postgres.url");
        String withSchema = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        yield new Settings(kind, withSchema, storage.getString("postgres.user"),
            storage.getString("postgres.password"), "org.postgresql.Driver", "slick.jdbc.PostgresProfile$", schema,
            maxConnections, create);
      }
      default -> throw new IllegalArgumentException(
          "router.storage.kind must be \"h2\" or \"postgres\", not \"" + kind + "\"");
    };
  }

  // DB_CLOSE_ON_EXIT=FALSE: the ActorSystem's coordinated shutdown closes the pool; H2's own JVM hook must not
  // close the database under it first.
  private static String h2Url(Config storage) {
    String url = storage.getString("h2.url");
    if (!url.isEmpty()) return url;
    return "jdbc:h2:file:" + Path.of(storage.getString("h2.dir")).toAbsolutePath().normalize()
        + "/router;DB_CLOSE_ON_EXIT=FALSE";
  }

  /**
   * {@code config} with pekko-persistence-jdbc's shared database pointed at the selected storage. Apply it before
   * creating the ActorSystem.
   */
  public static Config withStorage(Config config) {
    Config resolved = config.resolve();
    Settings settings = settings(resolved);
    Config database = ConfigFactory.parseMap(Map.of(
        "profile", settings.profile(),
        "db.url", settings.url(),
        "db.user", settings.user(),
        "db.password", settings.password(),
        "db.driver", settings.driver(),
        "db.numThreads", settings.maxConnections(),
        "db.maxConnections", settings.maxConnections(),
        "db.minConnections", 1,
        "db.connectionTestQuery", "SELECT 1"));
    return ConfigFactory.empty()
        .withValue("pekko-persistence-jdbc.shared-databases.slick", database.root())
        .withFallback(resolved)
        .resolve();
  }

  /** Creates the schema (PostgreSQL) and the journal tables when missing; blocking, call once at start. */
  public static void createSchema(Settings settings) {
    if (!settings.createSchema()) return;
    try {
      if ("h2".equals(settings.kind())) createH2Directory(settings.url());
      try (Connection connection = DriverManager.getConnection(
              settings.schema() == null ? settings.url() : withoutSchema(settings.url()), settings.user(),
              settings.password());
          Statement statement = connection.createStatement()) {
        if (settings.schema() != null) {
          // Nodes of a cluster start together: PostgreSQL's CREATE ... IF NOT EXISTS is not safe against a
          // concurrent twin (a unique violation in its catalog), so they take turns. Released with the session.
          statement.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
          statement.execute("CREATE SCHEMA IF NOT EXISTS " + settings.schema());
          statement.execute("SET search_path TO " + settings.schema());
        }
        for (String sql : script(settings.kind()).split(";")) {
          if (hasStatement(sql)) statement.execute(sql);
        }
        // Router's own: the node tags' sequence (see claimNodeTag), from a random point, so that nodes of one
        // cluster that do not share a database (embedding hosts joined by hand) are unlikely to start alike.
        statement.execute("CREATE SEQUENCE IF NOT EXISTS " + NODE_TAG_SEQUENCE + " START WITH "
            + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 0x10000));
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("Cannot prepare the " + settings.kind() + " storage at " + settings.url()
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * Claims this node incarnation's tag (0–65535), the part of a connection id that names its owner: the next value
   * of the shared database's sequence {@code router_node_tag} (which starts at a random value), modulo 65536. Every node of a cluster uses the same
   * database, so two live nodes hold the same tag only when 65536 node starts happen while one of them runs; and a
   * restarted node never takes back its previous tag, so ids issued before a crash answer 410, never reach a new
   * owner. Blocking; call once at start, after {@link #createSchema}.
   */
  public static int claimNodeTag(Settings settings) {
    String next = "h2".equals(settings.kind())
        ? "SELECT NEXT VALUE FOR " + NODE_TAG_SEQUENCE : "SELECT nextval('" + NODE_TAG_SEQUENCE + "')";
    try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        Statement statement = connection.createStatement();
        java.sql.ResultSet result = statement.executeQuery(next)) {
      result.next();
      return (int) (result.getLong(1) & 0xFFFF);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot claim a node tag from the " + settings.kind() + " storage at "
          + settings.url() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a node that would join other nodes ({@code seedNodes} not empty) while keeping its configuration in an
   * embedded H2 file: each node would have its own journal, and the API entities that sharding moves between them
   * would see different histories. A cluster shares one PostgreSQL database.
   */
  public static void checkShareable(Settings settings, java.util.List<String> seedNodes) {
    if (!seedNodes.isEmpty() && "h2".equals(settings.kind())) {
      throw new IllegalStateException("This node is told to join the cluster seeds " + seedNodes
          + " (ROUTER_CLUSTER_SEEDS / pekko.cluster.seed-nodes) but keeps its configuration in the embedded H2"
          + " database (router.storage.kind = h2), which other nodes cannot share. Nodes of a cluster must share one"
          + " PostgreSQL database: set ROUTER_STORAGE=postgres and ROUTER_POSTGRES_URL on every node.");
    }
  }

  private static boolean hasStatement(String sql) {
    return sql.lines().anyMatch(line -> !line.isBlank() && !line.strip().startsWith("--"));
  }

  private static String withoutSchema(String url) {
    return url.replaceAll("[?&]currentSchema=[^&]*$", "");
  }

  private static void createH2Directory(String url) throws IOException {
    String prefix = "jdbc:h2:file:";
    if (!url.startsWith(prefix)) return;
    String path = url.substring(prefix.length()).split(";", 2)[0];
    Path parent = Path.of(path).toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
  }

  private static String script(String kind) throws IOException {
    try (InputStream in = Storage.class.getResourceAsStream("/router/schema/" + kind + ".sql")) {
      if (in == null) throw new IOException("missing schema script for " + kind);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
