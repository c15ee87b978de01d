#!/usr/bin/python3
"""RTSP test peer: a GStreamer RTSP server with live test pictures, on loopback only.

Run with Debian's interpreter (/usr/bin/python3): the GStreamer bindings belong to it.

    rtsp_peer.py --port 8554 --mount SPEC [--mount SPEC ...]

SPEC is  /path=CODEC:WIDTHxHEIGHT@FPS[:AUTH:USER:PASSWORD]
     or  /path=file:PATH
    CODEC     h264 | h265 | mjpeg | vp8 (vp8: a codec cameras do not send, for "unsupported" cases)
    AUTH      basic | digest  (the mount then answers 401 without the right credentials;
              only the method named is offered in WWW-Authenticate)
    PASSWORD  everything after the third colon, so it may itself contain ':' '@' '/' '#' '%'
    file:PATH an H.264 Annex B file (everything after 'file:'), looped and sent as it is at the
              frame rate of its SPS timing info: no encoder runs, so the peer costs almost no
              CPU (benchmarks use it); no overlay, no authentication
examples:
    --mount /h264=h264:320x240@10
    --mount '/basic=h264:320x240@10:basic:admin:p@ss:w/rd#%'
    --mount /digest=h265:640x360@15:digest:admin:secret
    --mount /cam=file:/tmp/camera-1080p.h264

Pictures: videotestsrc is-live=true with a time and a clock overlay, so every frame differs.
Mounts are shared (one pipeline per mount whatever the number of clients); a timer expires the
sessions of clients that vanished so they do not pile up.

Events, one line each on stdout, flushed at once, for tests to wait on and count:
    READY <port>              listening
    CLIENT <n> <ip>           the n-th RTSP connection was accepted
    DESCRIBE <path>           a DESCRIBE arrived (counted before authentication)
    UNAUTHORIZED <path>       a request was answered 401
    PLAY <path>               a PLAY succeeded
    TEARDOWN <path>           a TEARDOWN arrived
    CLOSED <n>                connection n closed
    STOPPED                   SIGTERM/SIGINT received, exiting
    ERROR <text>              startup failed (exit status 2)
"""
import argparse
import os
import signal
import sys

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstRtsp', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

ANONYMOUS = 'anonymous'


def emit(line):
    sys.stdout.write(line + '\n')
    sys.stdout.flush()


class Mount:
    def __init__(self, spec):
        if '=' not in spec or not spec.startswith('/'):
            raise ValueError('mount must look like /path=CODEC:WxH@FPS[:AUTH:USER:PASS]: ' + spec)
        self.path, rest = spec.split('=', 1)
        self.auth = None
        if rest.startswith('file:'):
            self.codec, self.file = 'file', rest[len('file:'):]
            if not os.path.isfile(self.file):
                raise ValueError('no such file ' + self.file)
            return
        parts = rest.split(':', 4)
        self.codec = parts[0]
        if self.codec not in ('h264', 'h265', 'mjpeg', 'vp8'):
            raise ValueError('unknown codec ' + self.codec)
        size, fps = parts[1].split('@')
        self.width, self.height = (int(v) for v in size.split('x'))
        self.fps = int(fps)
        if len(parts) > 2:
            if len(parts) != 5 or parts[2] not in ('basic', 'digest'):
                raise ValueError('auth must be basic:USER:PASS or digest:USER:PASS in ' + spec)
            self.auth, self.user, self.password = parts[2], parts[3], parts[4]
        # One role per user, as on a real camera where one account opens every stream: GStreamer
        # keeps one token per Digest user, so per-mount roles let a user open only its last mount.
        # Mounts of other users stay closed to it. (A Digest user has one password for all mounts.)
        self.role = 'role_' + ''.join(c if c.isalnum() else '_' for c in self.user) if self.auth else None

    def launch(self):
        if self.codec == 'file':
            # One buffer per pass over the file and no timestamps from the source: h264parse
            # stamps each access unit's DTS from the SPS frame rate, continuously across the
            # loops, but leaves its PTS unset (see copy_dts_to_pts); the server's sinks pace
            # them on the clock.
            return ('( multifilesrc location="{p}" loop=true stop-index=0 '
                    'caps="video/x-h264,stream-format=byte-stream" ! h264parse '
                    '! rtph264pay name=pay0 pt=96 config-interval=1 )').format(
                p=self.file.replace('\\', '\\\\').replace('"', '\\"'))
        src = ('videotestsrc is-live=true pattern=ball ! video/x-raw,width={w},height={h},framerate={f}/1 '
               '! timeoverlay font-desc="Sans 18" ! clockoverlay halignment=right valignment=bottom '
               'time-format="%H:%M:%S" ! videoconvert ! video/x-raw,format=I420 ! ').format(
            w=self.width, h=self.height, f=self.fps)
        if self.codec == 'h264':
            enc = ('x264enc tune=zerolatency speed-preset=ultrafast key-int-max={f} '
                   '! rtph264pay name=pay0 pt=96 config-interval=1').format(f=self.fps)
        elif self.codec == 'h265':
            enc = ('x265enc tune=zerolatency speed-preset=ultrafast key-int-max={f} '
                   '! rtph265pay name=pay0 pt=96 config-interval=1').format(f=self.fps)
        elif self.codec == 'vp8':
            enc = 'vp8enc deadline=1 keyframe-max-dist={f} ! rtpvp8pay name=pay0 pt=96'.format(f=self.fps)
        else:
            # rtpjpegpay only carries 4:2:0/4:2:2 JPEG, hence the I420 caps above.
            enc = 'jpegenc quality=75 ! rtpjpegpay name=pay0 pt=26'
        return '( ' + src + enc + ' )'


class PeerAuth(GstRtspServer.RTSPAuth):
    """Offers only the method of the mount asked for in a 401 (the stock header lists every
    supported method, and clients then always pick Digest)."""

    def __init__(self, mounts):
        super().__init__()
        self.basic_paths = {m.path for m in mounts if m.auth == 'basic'}
        self.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)

    def do_generate_authenticate_header(self, ctx):
        path = ctx.uri.abspath if ctx.uri is not None else ''
        emit('UNAUTHORIZED ' + path)
        basic = any(path == p or path.startswith(p + '/') for p in self.basic_paths)
        # ctx.response reaches Python as a copy, so the header cannot be added here: switch the
        # offered method for this one call instead (requests are handled on one main loop).
        self.set_supported_methods(
            GstRtsp.RTSPAuthMethod.BASIC if basic else GstRtsp.RTSPAuthMethod.DIGEST)
        GstRtspServer.RTSPAuth.do_generate_authenticate_header(self, ctx)
        self.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)


def copy_dts_to_pts(_factory, media):
    """rtph264pay stamps RTP from the PTS, which h264parse leaves unset on a raw file; the files
    served have no B-frames, so presentation order is decode order and the DTS will do."""
    def probe(_pad, info):
        buf = info.get_buffer()
        if buf is not None and buf.pts == Gst.CLOCK_TIME_NONE:
            buf.pts = buf.dts
        return Gst.PadProbeReturn.OK

    pay = media.get_element().get_by_name('pay0')
    pay.get_static_pad('sink').add_probe(Gst.PadProbeType.BUFFER, probe)


def permissions(mount):
    perms = GstRtspServer.RTSPPermissions()
    if mount.auth is None:
        perms.add_role_from_structure(Gst.Structure.new_from_string(
            ANONYMOUS + ', media.factory.access=(boolean)true, media.factory.construct=(boolean)true'))
    else:
        # Anonymous may "see" the mount but not build it: a wrong password then gets 401,
        # not the 404 that a denied access would give.
        perms.add_role_from_structure(Gst.Structure.new_from_string(
            ANONYMOUS + ', media.factory.access=(boolean)true, media.factory.construct=(boolean)false'))
        perms.add_role_from_structure(Gst.Structure.new_from_string(
            mount.role + ', media.factory.access=(boolean)true, media.factory.construct=(boolean)true'))
    return perms


def main():
    parser = argparse.ArgumentParser(description='GStreamer RTSP test peer')
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--mount', action='append', required=True)
    args = parser.parse_args()
    try:
        mounts = [Mount(spec) for spec in args.mount]
    except ValueError as e:
        emit('ERROR ' + str(e))
        return 2

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address('127.0.0.1')
    server.set_service(str(args.port))

    auth = PeerAuth(mounts)
    default_token = GstRtspServer.RTSPToken()
    default_token.set_string('media.factory.role', ANONYMOUS)
    auth.set_default_token(default_token)
    for m in mounts:
        if m.auth is None:
            continue
        token = GstRtspServer.RTSPToken()
        token.set_string('media.factory.role', m.role)
        if m.auth == 'basic':
            auth.add_basic(GstRtspServer.RTSPAuth.make_basic(m.user, m.password), token)
        else:
            auth.add_digest(m.user, m.password, token)
    server.set_auth(auth)

    points = server.get_mount_points()
    for m in mounts:
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(m.launch())
        factory.set_shared(True)
        factory.set_permissions(permissions(m))
        if m.codec == 'file':
            factory.connect('media-configure', copy_dts_to_pts)
        points.add_factory(m.path, factory)

    counter = [0]

    def on_client(_server, client):
        counter[0] += 1
        n = counter[0]
        conn = client.get_connection()
        emit('CLIENT %d %s' % (n, conn.get_ip() if conn else '?'))

        def path_of(ctx):
            return ctx.uri.abspath if ctx.uri is not None else '?'

        def on_pre_describe(_c, ctx):
            emit('DESCRIBE ' + path_of(ctx))
            return GstRtsp.RTSPStatusCode.OK

        client.connect('pre-describe-request', on_pre_describe)
        client.connect('play-request', lambda _c, ctx: emit('PLAY ' + path_of(ctx)))
        client.connect('teardown-request', lambda _c, ctx: emit('TEARDOWN ' + path_of(ctx)))
        client.connect('closed', lambda _c: emit('CLOSED %d' % n))

    server.connect('client-connected', on_client)

    try:
        server.attach(None)
    except GLib.Error as e:
        emit('ERROR cannot listen on port %d: %s' % (args.port, e.message))
        return 2

    def cleanup():
        server.get_session_pool().cleanup()
        return True

    GLib.timeout_add_seconds(2, cleanup)

    loop = GLib.MainLoop()

    def stop():
        emit('STOPPED')
        loop.quit()
        return False

    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, stop)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, stop)
    emit('READY %d' % args.port)
    loop.run()
    return 0


if __name__ == '__main__':
    sys.exit(main())
