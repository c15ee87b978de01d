'use strict';
// The npm `onvif` client against the UCV ONVIF device double (itests OnvifDoubleIT):
//   node onvif-client.js HOST PORT USER PASSWORD
// connects (GetSystemDateAndTime, GetServices, media2 GetProfiles, GetVideoSources), then asks what a
// viewer needs and moves the PTZ once; prints one JSON object on stdout. Exit 0 on success, 1 with
// {"error": "..."} when any step fails.
const { Cam } = require('onvif');

const [host, port, username, password] = process.argv.slice(2);

function step(cam, method, ...args) {
  return new Promise((resolve, reject) => {
    cam[method](...args, (err, result) => (err ? reject(new Error(method + ': ' + err.message)) : resolve(result)));
  });
}

function fail(err) {
  process.stdout.write(JSON.stringify({ error: String(err && err.message ? err.message : err) }) + '\n');
  process.exit(1);
}

const cam = new Cam({ hostname: host, port: Number(port), username, password, autoconnect: false, timeout: 15000 });

async function main() {
  await step(cam, 'connect');
  const info = await step(cam, 'getDeviceInformation');
  const profiles = [];
  for (const p of cam.profiles) {
    const enc = p.videoEncoderConfiguration || {};
    const stream = await step(cam, 'getStreamUri', { protocol: 'RTSP', profileToken: p.$.token });
    const snapshot = await step(cam, 'getSnapshotUri', { profileToken: p.$.token });
    profiles.push({
      token: p.$.token,
      name: p.name,
      encoding: enc.encoding,
      width: enc.resolution && enc.resolution.width,
      height: enc.resolution && enc.resolution.height,
      fps: enc.rateControl && enc.rateControl.frameRateLimit,
      ptz: Boolean(p.PTZConfiguration),
      streamUri: stream.uri,
      snapshotUri: snapshot.uri,
    });
  }
  const token = cam.activeSource.profileToken;
  const presets = await step(cam, 'getPresets', { profileToken: token });
  await step(cam, 'continuousMove', { profileToken: token, x: 0.5, y: -0.25, zoom: 0 });
  await step(cam, 'stop', { profileToken: token, panTilt: true, zoom: true });
  await step(cam, 'gotoPreset', { profileToken: token, preset: '2' });
  process.stdout.write(JSON.stringify({
    media2: Boolean(cam.media2Support),
    uri: Object.fromEntries(Object.entries(cam.uri || {}).map(([k, v]) => [k, v && v.href])),
    device: info,
    defaultProfile: token,
    profiles,
    presets: Object.values(presets).map((p) => ({ token: p.$.token, name: p.name })),
  }) + '\n');
}

main().catch(fail);
