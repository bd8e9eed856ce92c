// The voice of a wall display: joins a call's clips (the list the server decided, models/announcement.py)
// gaplessly with Web Audio, one call after another. Each clip is fetched and decoded once, then kept (a set is
// ~130 short clips). When a clip cannot be had, play() rejects and the caller falls back to the browser's speech.
// Every clip that finishes fires "voice_clip_played" on document (detail: its name), for diagnostics and tests.
window.MotCuaVoice = (function () {
  let context = null;
  let gain = null;
  const buffers = new Map();  // clip URL → Promise<AudioBuffer>

  function start(volume) {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    context = new Context();
    gain = context.createGain();
    gain.gain.value = Math.max(0, Math.min(1, volume / 100));
    gain.connect(context.destination);
  }

  // Resolves true when sound can play now: TVs started with --autoplay-policy=no-user-gesture-required play at
  // once; other browsers stay "suspended" until someone touches the page.
  function ready(waitMs) {
    if (!context) return Promise.resolve(false);
    if (context.state === "running") return Promise.resolve(true);
    const resumed = context.resume().then(function () { return context.state === "running"; }, function () { return false; });
    const timeout = new Promise(function (resolve) { setTimeout(function () { resolve(false); }, waitMs); });
    return Promise.race([resumed, timeout]);
  }

  function running() { return Boolean(context && context.state === "running"); }

  function load(url) {
    if (!buffers.has(url)) {
      const loading = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("clip " + url + ": " + response.status);
        return response.arrayBuffer();
      }).then(function (data) { return context.decodeAudioData(data); });
      loading.catch(function () { buffers.delete(url); });  // try again next time (a server briefly away)
      buffers.set(url, loading);
    }
    return buffers.get(url);
  }

  function fired(name) {
    document.dispatchEvent(new CustomEvent("voice_clip_played", { detail: { name: name } }));
  }

  // Plays the clips back to back; resolves when the last one ends.
  function play(base, names) {
    if (!running()) return Promise.reject(new Error("sound is blocked"));
    if (names.length === 0) return Promise.resolve();
    return Promise.all(names.map(function (name) { return load(base + name); })).then(function (clips) {
      return new Promise(function (resolve) {
        let at = context.currentTime + 0.05;
        clips.forEach(function (clip, i) {
          const source = context.createBufferSource();
          source.buffer = clip;
          source.connect(gain);
          source.onended = function () {
            source.disconnect();
            fired(names[i]);
            if (i === clips.length - 1) resolve();
          };
          source.start(at);
          at += clip.duration;
        });
      });
    });
  }

  return { start: start, ready: ready, running: running, play: play };
})();
