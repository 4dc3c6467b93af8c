package router.loadtest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import router.loadtest.baseline.BackendServer;
import router.loadtest.baseline.NettyBackend;
import router.loadtest.baseline.NettyEchoServer;
import router.loadtest.baseline.EchoServer;
import router.loadtest.cli.Arguments;
import router.loadtest.cli.Help;
import router.loadtest.json.JsonWriter;
import router.loadtest.report.Comparison;
import router.loadtest.report.ComparisonRow;
import router.loadtest.report.HtmlReport;
import router.loadtest.report.Integrations;
import router.loadtest.run.ConnectRun;
import router.loadtest.run.HttpRun;
import router.loadtest.run.IdleRun;
import router.loadtest.run.LoadSettings;
import router.loadtest.run.MaxSearch;
import router.loadtest.run.MessageRun;
import router.loadtest.run.Probe;
import router.loadtest.run.Mode;
import router.loadtest.run.RunResult;
import router.loadtest.setup.ControlPlane;
import router.loadtest.setup.RouterSetup;

/** The router-loadtest command line: dispatches to a load run, the echo server, setup or compare. */
public final class Main {

  /** Exit code of a usage error. */
  private static final int USAGE = 2;
  /** Exit code of a failed command. */
  private static final int FAILED = 1;
  /** How long the ActorSystem may take to shut down. */
  private static final long TERMINATE_SECONDS = 10;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Config base = ConfigFactory.load("loadtest");
    Arguments arguments;
    Config config;
    try {
      arguments = Arguments.parse(args, Help.keys(base));
      config = arguments.applyTo(base);
    } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
      err.println("router-loadtest: " + e.getMessage());
      return USAGE;
    }
    try {
      return switch (arguments.command()) {
        case "run" -> load(config, Mode.ROUNDTRIP, out, err);
        case "max" -> load(config, Mode.MAX, out, err);
        case "push" -> load(config, Mode.PUSH, out, err);
        case "connect" -> load(config, Mode.CONNECT, out, err);
        case "idle" -> load(config, Mode.IDLE, out, err);
        case "http" -> load(config, Mode.HTTP, out, err);
        case "probe" -> probe(config, out, err);
        case "echo-server", "backend" -> server(config, arguments.command(), out);
        case "setup" -> setup(config, out, err);
        case "compare" -> compare(config, out);
        case "help", "--help", "-h" -> {
          out.print(Help.text(base));
          yield 0;
        }
        default -> {
          err.println("router-loadtest: unknown command " + arguments.command() + " (see: help)");
          yield USAGE;
        }
      };
    } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
      err.println("router-loadtest: " + e.getMessage());
      return USAGE;
    } catch (Exception e) {
      err.println("router-loadtest: " + arguments.command() + " failed: " + e);
      return FAILED;
    }
  }

  /** Runs one load mode in a fresh ActorSystem; prints the summary line and writes the reports. */
  public static RunResult runLoad(Config config, Mode mode, PrintStream err) throws Exception {
    LoadSettings settings = LoadSettings.from(config);
    ActorSystem system = ActorSystem.create("loadtest", config);
    try {
      return switch (mode) {
        case ROUNDTRIP, PUSH -> new MessageRun(settings, mode, system, err).run();
        case MAX -> new MaxSearch(config, system, err).run();
        case CONNECT -> new ConnectRun(settings, system, err).run();
        case IDLE -> new IdleRun(settings, system, err).run();
        case HTTP -> new HttpRun(settings, err).run();
      };
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(TERMINATE_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static int load(Config config, Mode mode, PrintStream out, PrintStream err) throws Exception {
    LoadSettings settings = LoadSettings.from(config);
    RunResult result = runLoad(config, mode, err);
    writeReports(result, settings);
    out.println(JsonWriter.write(result.summary()));
    out.flush();
    return 0;
  }

  /** Writes the detailed JSON and the HTML report where the settings ask for them. */
  public static void writeReports(RunResult result, LoadSettings settings) throws IOException {
    if (!settings.json().isEmpty()) write(Path.of(settings.json()), JsonWriter.write(result.detailed()) + "\n");
    if (!settings.html().isEmpty()) write(Path.of(settings.html()), HtmlReport.run(result.detailed()));
  }

  private static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.writeString(file, text);
  }

  private static int probe(Config config, PrintStream out, PrintStream err) throws Exception {
    LoadSettings settings = LoadSettings.from(config);
    ActorSystem system = ActorSystem.create("loadtest", config);
    try {
      long sent = Math.max(1, settings.count());
      int echoed = new Probe(settings, system).run(out);
      err.println(echoed + " of " + sent + " messages answered" + (settings.matchByOrder() ? "" : " with their seq"));
      return echoed == sent ? 0 : FAILED;
    } finally {
      system.terminate();
    }
  }

  private static int server(Config config, String command, PrintStream out) throws Exception {
    Config c = config.getConfig(LoadSettings.PATH);
    boolean backend = command.equals("backend");
    if (backend && c.getString("backend-server").equals("netty")) {
      NettyBackend netty = NettyBackend.start(c.getString("host"), c.getInt("port"), c.getInt("backend-threads"));
      out.println(command + " (netty) listening on " + netty.localAddress() + " pid " + ProcessHandle.current().pid());
      return serveUntilShutdown(out, netty::close);
    } else if (backend && !c.getString("backend-server").equals("pekko")) {
      throw new IllegalArgumentException("--backend-server is netty or pekko, not " + c.getString("backend-server"));
    }
    if (!backend && c.getString("echo-server").equals("netty")) {
      NettyEchoServer netty = NettyEchoServer.start(c.getString("host"), c.getInt("port"), c.getInt("echo-threads"));
      out.println(command + " (netty, " + netty.transport() + ") listening on " + netty.localAddress() + " pid "
          + ProcessHandle.current().pid());
      return serveUntilShutdown(out, netty::close);
    } else if (!backend && !c.getString("echo-server").equals("pekko")) {
      throw new IllegalArgumentException("--echo-server is pekko or netty, not " + c.getString("echo-server"));
    }
    ActorSystem system =
        ActorSystem.create(backend ? "backend" : "echo", backend ? BackendServer.config(config) : config);
    String host = c.getString("host");
    int port = c.getInt("port");
    ServerBinding binding = (backend ? BackendServer.start(system, host, port)
        : EchoServer.start(system, host, port)).toCompletableFuture().get(TERMINATE_SECONDS, TimeUnit.SECONDS);
    out.println(command + " listening on " + binding.localAddress() + " pid " + ProcessHandle.current().pid());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      system.terminate();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  private static int setup(Config config, PrintStream out, PrintStream err) throws Exception {
    Config c = config.getConfig(LoadSettings.PATH);
    RouterSetup setup = new RouterSetup(new ControlPlane(URI.create(c.getString("control"))));
    setup.awaitReady(c.getDuration("ready-timeout"));
    RouterSetup.Plan plan = new RouterSetup.Plan(c.getString("name"), c.getString("stage"),
        c.getString("echo-template"), c.getBoolean("connect-route"), c.getString("http-proxy-uri"),
        c.getString("lambda-proxy-uri"));
    String apiId = setup.create(plan);
    String wsBase = c.getString("ws-base");
    err.println("created API " + apiId + " with routes " + String.join(", ", plan.routeKeys())
        + " on stage " + plan.stage());
    out.println((wsBase.endsWith("/") ? wsBase : wsBase + "/") + apiId + "/" + c.getString("stage"));
    return 0;
  }

  private static int compare(Config config, PrintStream out) throws IOException {
    Path dir = Path.of(config.getConfig(LoadSettings.PATH).getString("dir"));
    List<ComparisonRow> rows = Comparison.rows(dir);
    List<Integrations.Row> integrations = Integrations.rows(dir);
    if (!rows.isEmpty() || integrations.isEmpty()) out.print(Comparison.table(rows));
    if (!integrations.isEmpty()) {
      if (!rows.isEmpty()) out.println();
      out.print(Integrations.table(integrations));
      write(dir.resolve("integrations.json"), JsonWriter.write(Integrations.toMap(integrations)) + "\n");
    }
    write(dir.resolve("comparison.json"), JsonWriter.write(Comparison.toMap(rows)) + "\n");
    String preamble = "Same run, same client, same settings; client and server share the machine's cores. "
        + "Results in " + dir.toAbsolutePath() + ".";
    write(dir.resolve("index.html"), Comparison.html(dir, rows, preamble, Integrations.html(dir, integrations)));
    return 0;
  }

  /** Blocks until the JVM shuts down (SIGTERM, SIGINT), then closes the server; the exit code of a server command. */
  private static int serveUntilShutdown(PrintStream out, Runnable close) throws InterruptedException {
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      close.run();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }
}
