package router.loadtest.baseline;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import router.loadtest.json.JsonSpans;

/**
 * The integrations benchmark's backend on Netty: the same answers as {@link BackendServer} ({@code POST /echo}
 * echoes, {@code POST /2015-03-31/functions/{name}/invocations} is a Lambda returning the event's body, {@code GET
 * /health/ready}), at a fraction of pekko-http's server cost per request. The backend shares the machine's cores with
 * the router and the load generator, so whatever it spends per call is taken from the router's throughput: the
 * cheapest server measures the router's integration path most fairly.
 */
public final class NettyBackend implements AutoCloseable {
  private static final int MAX_BODY = 1 << 20;
  private static final byte[] BODY_KEY = JsonSpans.key("body");
  private static final byte[] PROXY_PREFIX = "{\"statusCode\":200,\"body\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PROXY_SUFFIX = "}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY_BODY = "\"\"".getBytes(StandardCharsets.US_ASCII);

  private final EventLoopGroup group;
  private final Channel channel;

  private NettyBackend(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /** Binds on {@code host:port} (0: any free port) with {@code threads} event loops. */
  public static NettyBackend start(String host, int port, int threads) throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    ChannelHandler handler = new Handler();
    Channel channel = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), handler);
          }
        })
        .bind(host, port).sync().channel();
    return new NettyBackend(group, channel);
  }

  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  @ChannelHandler.Sharable
  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String uri = request.uri();
      int query = uri.indexOf('?');
      String path = query < 0 ? uri : uri.substring(0, query);
      boolean post = request.method().equals(HttpMethod.POST);
      FullHttpResponse response;
      if (post && path.equals(BackendServer.ECHO_PATH)) {
        response = ok(request.content().retainedDuplicate(), request.headers().get(HttpHeaderNames.CONTENT_TYPE));
      } else if (post && path.startsWith(BackendServer.INVOKE_PREFIX) && path.endsWith(BackendServer.INVOKE_SUFFIX)) {
        response = ok(proxyAnswer(request.content()), "application/json");
      } else if (path.equals("/health/ready")) {
        response = ok(Unpooled.EMPTY_BUFFER, null);
      } else {
        response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
      }
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (keepAlive) {
        ctx.writeAndFlush(response);
      } else {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }

    private static FullHttpResponse ok(ByteBuf body, String contentType) {
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
      if (contentType != null) response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
      return response;
    }
  }

  /** What the function returns for the proxy event {@code event}: as {@link BackendServer#proxyAnswer}. */
  static ByteBuf proxyAnswer(ByteBuf event) {
    ByteBuffer json = event.nioBuffer();
    long span = JsonSpans.topLevelValue(json, BODY_KEY);
    boolean string = span != JsonSpans.NOT_FOUND && json.get(json.position() + JsonSpans.start(span)) == '"';
    ByteBuf body = string
        ? event.retainedSlice(event.readerIndex() + JsonSpans.start(span), JsonSpans.end(span) - JsonSpans.start(span))
        : Unpooled.wrappedBuffer(EMPTY_BODY);
    return Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(PROXY_PREFIX), body, Unpooled.wrappedBuffer(PROXY_SUFFIX));
  }
}
