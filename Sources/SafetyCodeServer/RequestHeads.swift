import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Limits on how a request head (the request line and headers) arrives, as a channel handler in
/// each HTTP/1 connection's pipeline, after Hummingbird's decoding:
///
/// - a **deadline**: a connection waiting for a request head (from its start, or from the end of
///   the previous response) gets ``Workbench/Configuration/headTimeout`` to send all of it. The
///   idle timeout alone is reset by every byte, so a client sending one byte every few seconds
///   (slowloris) would hold the connection for ever. Past the deadline the connection is closed,
///   with a 408 when part of a head had come;
/// - a **body deadline**: a request whose head announces a body (`Content-Length` above 0, or
///   `Transfer-Encoding`) gets ``Workbench/Configuration/bodyTimeout`` from its head to send all
///   of it; a body trickling in a byte every few seconds is answered 408 and the connection
///   closed, as a slow head is;
/// - a **size limit**: a head over ``Workbench/maxHeadBytes`` stops the decoder (NIO's limits,
///   set by ``Workbench/application(_:onRunning:)``); the client gets a 431 at once and the
///   connection is closed, instead of Hummingbird's 400 followed by waiting for a client that
///   is still sending megabytes and does not read.
final class RequestHeadLimits: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let deadline: TimeAmount
    let bodyDeadline: TimeAmount
    /// The deadline of the request body being received, if one is.
    var bodyTimer: Scheduled<Void>?
    /// Whether a response to the current request has begun (a 408 can no longer be sent).
    var responding = false
    /// Request heads received and responses finished: waiting for a head when they are equal.
    var heads = 0, responses = 0
    /// Whether any byte came since the connection started waiting for a head.
    var bytesWhileWaiting = false
    var timer: Scheduled<Void>?
    var closing = false
    /// Whether this handler answered (and is closing): the application's answers are dropped.
    var refused = false

    init(deadline: TimeAmount, bodyDeadline: TimeAmount) {
        self.deadline = deadline
        self.bodyDeadline = bodyDeadline
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // Every byte read, before decoding, tells this handler that a head has begun.
        try? context.pipeline.syncOperations.addHandler(ByteWatch(limits: self), position: .first)
        if context.channel.isActive { wait(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if timer == nil { wait(context) }
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        bodyTimer?.cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        bodyTimer?.cancel()
        context.fireChannelInactive()
    }

    /// Starts the deadline for the next request head.
    func wait(_ context: ChannelHandlerContext) {
        timer?.cancel()
        bytesWhileWaiting = false
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: deadline) { [self] in
            guard heads == responses, !closing else { return }
            if bytesWhileWaiting {
                refuse(context, status: .requestTimeout)
            } else {
                context.close(promise: nil)
            }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if closing { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            heads += 1
            timer?.cancel()
            timer = nil
            if Self.hasBody(head) { waitForBody(context) }
        case .end:
            bodyTimer?.cancel()
            bodyTimer = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    /// Whether a request head announces a body.
    static func hasBody(_ head: HTTPRequest) -> Bool {
        if head.headerFields[.transferEncoding] != nil { return true }
        return head.headerFields[.contentLength].map { $0 != "0" } ?? false
    }

    /// Starts the deadline for the body of the request just begun.
    func waitForBody(_ context: ChannelHandlerContext) {
        bodyTimer?.cancel()
        let request = heads
        bodyTimer = context.eventLoop.assumeIsolated().scheduleTask(in: bodyDeadline) { [self] in
            guard heads == request, !closing else { return }
            // Not answered yet: 408. Answered already (a 413 sent before the body was read):
            // only closed.
            if responses < heads && !responding {
                refuse(context, status: .requestTimeout)
            } else {
                closing = true
                context.close(promise: nil)
            }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // Once refused, the application's own late answer (to a request cut off) is not sent.
        if closing && refused {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head: responding = true
        case .end:
            responses += 1
            responding = false
            if responses == heads && !closing { wait(context) }
        case .body: break
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Once refused, the decoder's complaints about what still arrives are dropped: the
        // connection is closing on its own schedule, not at the first of them.
        if closing { return }
        // A head the decoder refused, while no response is being written: answered here.
        guard let parse = error as? HTTPParserError, heads == responses, !closing else {
            context.fireErrorCaught(error)
            return
        }
        refuse(context, status: parse == .headerOverflow ? .requestHeaderFieldsTooLarge : .badRequest)
    }

    /// Answers with `status` and an empty body, then closes: output at once, the whole connection
    /// shortly after (what the client still sends meanwhile is dropped by the decoder, so it can
    /// finish writing and read the answer rather than be reset).
    func refuse(_ context: ChannelHandlerContext, status: HTTPResponse.Status) {
        closing = true
        refused = true
        timer?.cancel()
        bodyTimer?.cancel()
        let head = HTTPResponse(status: status, headerFields: [.connection: "close", .contentLength: "0"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        let loop = context.eventLoop.assumeIsolated()
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(mode: .output, promise: nil)
            _ = loop.scheduleTask(in: .seconds(2)) { context.close(promise: nil) }
        }
    }

    /// Raw bytes, seen before the decoder, mark that a head has begun arriving.
    final class ByteWatch: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        let limits: RequestHeadLimits

        init(limits: RequestHeadLimits) { self.limits = limits }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            limits.bytesWhileWaiting = true
            context.fireChannelRead(data)
        }
    }
}
