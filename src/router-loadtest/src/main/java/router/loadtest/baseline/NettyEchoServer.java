package router.loadtest.baseline;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
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
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import io.netty.util.CharsetUtil;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The second baseline: a bare WebSocket echo on Netty 4.2 (the fastest plain JVM server a user could pick), with
 * the same surface as {@link EchoServer}: every path echoes text and binary messages (fragments aggregated, frames
 * and messages capped at {@link #MAX_MESSAGE} bytes, ping and close answered by Netty's protocol handler); under
 * {@code /push/...} a connection gets an id, {@code {"action":"whoami"}} is answered with
 * {@code {"connectionId":"..."}} and {@code POST /push/.../@connections/{id}} becomes one text frame on it (200, 410
 * unknown id, 429 when the connection's outbound buffer is full); {@code GET /health/ready} answers 200. Epoll when
 * the native transport loads, else NIO.
 */
public final class NettyEchoServer implements AutoCloseable {

  /** Largest frame, and largest message after aggregating fragments (bytes); larger ones close with 1009. */
  public static final int MAX_MESSAGE = 1 << 20;
  /** Largest HTTP request (handshake, push POST). */
  private static final int MAX_HTTP_BODY = 1 << 20;
  private static final String PUSH_PREFIX = "/push/";
  private static final String CONNECTIONS_SEGMENT = "/@connections/";
  private static final String WHOAMI = "\"whoami\"";
  private static final AttributeKey<String> PUSH_ID = AttributeKey.valueOf("pushId");

  private final EventLoopGroup group;
  private final Channel channel;
  private final boolean epoll;

  private NettyEchoServer(EventLoopGroup group, Channel channel, boolean epoll) {
    this.group = group;
    this.channel = channel;
    this.epoll = epoll;
  }

  /** Binds on {@code host:port} (0: any free port) with {@code threads} event loops (0: one per core). */
  public static NettyEchoServer start(String host, int port, int threads) throws InterruptedException {
    int loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(loops, io);
    Connections connections = new Connections();
    ChannelHandler http = new Http(connections);
    ChannelHandler echo = new Echo(connections);
    WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath("/")
        .checkStartsWith(true)
        .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(MAX_MESSAGE).build())
        .build();
    Channel channel = new ServerBootstrap()
        .group(group)
        .channel(serverChannel)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_HTTP_BODY), http,
                new WebSocketServerProtocolHandler(ws), new WebSocketFrameAggregator(MAX_MESSAGE), echo);
          }
        })
        .bind(host, port).sync().channel();
    return new NettyEchoServer(group, channel, epoll);
  }

  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** "epoll" or "nio". */
  public String transport() {
    return epoll ? "epoll" : "nio";
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Push connections by id. */
  private static final class Connections {
    private final ConcurrentHashMap<String, Channel> byId = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final long salt = new SecureRandom().nextLong();

    String register(Channel ch) {
      // 12 bytes → 16 base64url characters, the length of an API Gateway connectionId (as PushRegistry).
      ByteBuffer b = ByteBuffer.allocate(12).putLong(salt ^ counter.incrementAndGet()).putInt((int) System.nanoTime());
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
      byId.put(id, ch);
      ch.closeFuture().addListener(f -> byId.remove(id));
      return id;
    }

    HttpResponseStatus push(String id, String body) {
      Channel ch = byId.get(id);
      if (ch == null || !ch.isActive()) return HttpResponseStatus.GONE;
      if (!ch.isWritable()) return HttpResponseStatus.TOO_MANY_REQUESTS;
      ch.writeAndFlush(new TextWebSocketFrame(body));
      return HttpResponseStatus.OK;
    }
  }

  /** Plain HTTP requests (health, push POSTs); upgrade requests go on to the WebSocket handshake. */
  @ChannelHandler.Sharable
  private static final class Http extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Connections connections;

    Http(Connections connections) {
      super(false);
      this.connections = connections;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      if (request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
        ctx.fireChannelRead(request);
        return;
      }
      try {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        HttpResponseStatus status;
        if (path.equals("/health/ready") && request.method().equals(HttpMethod.GET)) {
          status = HttpResponseStatus.OK;
        } else if (request.method().equals(HttpMethod.POST) && path.startsWith(PUSH_PREFIX)
            && path.contains(CONNECTIONS_SEGMENT)) {
          String id = path.substring(path.indexOf(CONNECTIONS_SEGMENT) + CONNECTIONS_SEGMENT.length());
          status = connections.push(id, request.content().toString(CharsetUtil.UTF_8));
        } else if (path.startsWith(PUSH_PREFIX) && request.method().equals(HttpMethod.POST)) {
          status = HttpResponseStatus.NOT_FOUND;
        } else {
          // As pekko-http's handleWebSocketMessages: a plain request on a WebSocket path.
          status = HttpResponseStatus.BAD_REQUEST;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        if (HttpUtil.isKeepAlive(request)) {
          ctx.writeAndFlush(response);
        } else {
          response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
          ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
      } finally {
        request.release();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** The echo: each data message written back as it came; flushed once per read batch. */
  @ChannelHandler.Sharable
  private static final class Echo extends ChannelInboundHandlerAdapter {
    private final Connections connections;

    Echo(Connections connections) {
      this.connections = connections;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete done
          && done.requestUri().startsWith(PUSH_PREFIX)) {
        ctx.channel().attr(PUSH_ID).set(connections.register(ctx.channel()));
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof TextWebSocketFrame text) {
        String id = ctx.channel().attr(PUSH_ID).get();
        if (id != null && text.text().contains(WHOAMI)) {
          text.release();
          ctx.write(new TextWebSocketFrame("{\"connectionId\":\"" + id + "\"}"));
        } else {
          ctx.write(text);
        }
      } else if (msg instanceof BinaryWebSocketFrame binary) {
        ctx.write(binary);
      } else {
        ctx.fireChannelRead(msg);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
      ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof TooLongFrameException) {
        // Fragments that add up to more than MAX_MESSAGE (a single frame over it is closed by the decoder, also 1009).
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
            .addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.close();
      }
    }
  }
}
