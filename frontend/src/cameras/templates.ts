// Brand templates of the camera form. Each maps the few things a user knows about a camera (its
// address, channel, main or sub stream) onto the camera fields the protocol plugins read
// (docs/cameras.md): `brand`/`host`/`port`/`channel`/`stream` for the brands the RTSP and HTTP
// plugins know (docs/rtsp.md, docs/http.md), or a `url` for anything else.

export type Addressing = 'parts' | 'url' | 'none' | 'all';

export interface Template {
  key: string;
  label: string;
  group: 'RTSP' | 'HTTP (MJPEG or JPEG snapshots)' | 'Other';
  /** the protocol the camera gets; HTTP templates switch to https with the form's TLS box */
  protocol: string;
  brand?: string;
  addressing: Addressing;
  defaultPort?: number;
  channel?: boolean;
  stream?: boolean;
  /** RTSP transport choice (tcp/udp/http) */
  transport?: boolean;
  /** HTTP mode choice (mjpeg/snapshot) */
  httpMode?: boolean;
  urlPlaceholder?: string;
  help: string;
  /** the path the plugin will use, for the preview (channel as typed, stream main/sub, mode) */
  path?: (channel: number, stream: 'main' | 'sub', mode: 'mjpeg' | 'snapshot') => string;
}

const two = (n: number) => String(n).padStart(2, '0');

export const TEMPLATES: readonly Template[] = [
  {
    key: 'rtsp-hikvision', label: 'Hikvision (RTSP)', group: 'RTSP', protocol: 'rtsp', brand: 'hikvision',
    addressing: 'parts', defaultPort: 554, channel: true, stream: true, transport: true,
    help: 'Hikvision cameras and NVRs; channel 1 for a single camera.',
    path: (c, s) => `/Streaming/Channels/${c}0${s === 'sub' ? 2 : 1}`,
  },
  {
    key: 'rtsp-dahua', label: 'Dahua / Amcrest (RTSP)', group: 'RTSP', protocol: 'rtsp', brand: 'dahua',
    addressing: 'parts', defaultPort: 554, channel: true, stream: true, transport: true,
    help: 'Dahua and Amcrest cameras and recorders.',
    path: (c, s) => `/cam/realmonitor?channel=${c}&subtype=${s === 'sub' ? 1 : 0}`,
  },
  {
    key: 'rtsp-axis', label: 'Axis (RTSP)', group: 'RTSP', protocol: 'rtsp', brand: 'axis',
    addressing: 'parts', defaultPort: 554, channel: true, stream: true, transport: true,
    help: 'Axis cameras; the sub stream is 640×360.',
    path: (c, s) => `/axis-media/media.amp?camera=${c}${s === 'sub' ? '&resolution=640x360' : ''}`,
  },
  {
    key: 'rtsp-reolink', label: 'Reolink (RTSP)', group: 'RTSP', protocol: 'rtsp', brand: 'reolink',
    addressing: 'parts', defaultPort: 554, channel: true, stream: true, transport: true,
    help: 'Reolink cameras and NVRs (RTSP must be enabled in the camera).',
    path: (c, s) => `/h264Preview_${two(c)}_${s}`,
  },
  {
    key: 'rtsp-tapo', label: 'TP-Link Tapo (RTSP)', group: 'RTSP', protocol: 'rtsp', brand: 'tapo',
    addressing: 'parts', defaultPort: 554, stream: true, transport: true,
    help: 'Tapo cameras: create a "camera account" in the Tapo app and use it here.',
    path: (_c, s) => (s === 'sub' ? '/stream2' : '/stream1'),
  },
  {
    key: 'rtsp-generic', label: 'Any RTSP camera (URL)', group: 'RTSP', protocol: 'rtsp',
    addressing: 'url', transport: true, urlPlaceholder: 'rtsp://192.168.1.20:554/stream1',
    help: 'The camera\'s RTSP address. Put the user and password in their fields, not in the URL.',
  },
  {
    key: 'http-hikvision', label: 'Hikvision (HTTP)', group: 'HTTP (MJPEG or JPEG snapshots)', protocol: 'http',
    brand: 'hikvision', addressing: 'parts', defaultPort: 80, channel: true, stream: true, httpMode: true,
    help: 'Hikvision over HTTP (ISAPI preview or snapshots).',
    path: (c, s, m) => (m === 'snapshot' ? `/ISAPI/Streaming/channels/${c}01/picture` : `/ISAPI/Streaming/channels/${c}0${s === 'sub' ? 2 : 1}/httpPreview`),
  },
  {
    key: 'http-dahua', label: 'Dahua / Amcrest (HTTP)', group: 'HTTP (MJPEG or JPEG snapshots)', protocol: 'http',
    brand: 'dahua', addressing: 'parts', defaultPort: 80, channel: true, stream: true, httpMode: true,
    help: 'Dahua and Amcrest over HTTP (MJPEG or snapshots).',
    path: (c, s, m) => (m === 'snapshot' ? `/cgi-bin/snapshot.cgi?channel=${c}` : `/cgi-bin/mjpg/video.cgi?channel=${c}&subtype=${s === 'sub' ? 1 : 0}`),
  },
  {
    key: 'http-axis', label: 'Axis (HTTP)', group: 'HTTP (MJPEG or JPEG snapshots)', protocol: 'http', brand: 'axis',
    addressing: 'parts', defaultPort: 80, channel: true, stream: true, httpMode: true,
    help: 'Axis over HTTP (MJPEG or snapshots).',
    path: (c, s, m) => (m === 'snapshot' ? `/axis-cgi/jpg/image.cgi?camera=${c}` : `/axis-cgi/mjpg/video.cgi?camera=${c}${s === 'sub' ? '&resolution=640x360' : ''}`),
  },
  {
    key: 'http-generic', label: 'Any MJPEG or snapshot URL', group: 'HTTP (MJPEG or JPEG snapshots)', protocol: 'http',
    addressing: 'url', httpMode: true, urlPlaceholder: 'http://192.168.1.30:8081/video.mjpg',
    help: 'An MJPEG stream (multipart/x-mixed-replace), or a JPEG picture URL in snapshot mode. https:// works too.',
  },
  {
    key: 'onvif', label: 'ONVIF camera', group: 'Other', protocol: 'onvif', addressing: 'url',
    urlPlaceholder: 'http://192.168.1.10/onvif/device_service',
    help: 'The device service address (discovery finds it). The plugin asks the camera for its stream.',
  },
  {
    key: 'demo', label: 'Demo test pattern', group: 'Other', protocol: 'demo', addressing: 'none',
    help: 'A moving test pattern made by the server: no camera needed.',
  },
  {
    key: 'custom', label: 'Other protocol (every field)', group: 'Other', protocol: '', addressing: 'all',
    channel: true, stream: true, transport: true,
    help: 'For a protocol plugin of your own: every camera field, as its documentation says.',
  },
];

export function templateByKey(key: string): Template {
  return TEMPLATES.find((t) => t.key === key) ?? TEMPLATES[TEMPLATES.length - 1];
}

/** Brands as the plugins compare them: case and punctuation ignored, aliases folded. */
export function normalizeBrand(brand: string | undefined | null): string {
  const b = (brand ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const aliases: Record<string, string> = { hik: 'hikvision', amcrest: 'dahua', tplink: 'tapo' };
  return aliases[b] ?? b;
}
