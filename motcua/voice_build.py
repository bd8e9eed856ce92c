"""Build the default Vietnamese clip set (static/sounds/voice/) offline with espeak-ng.

    python -m motcua.voice_build [FOLDER]

The set is generated once and shipped in the repository (about 2 MB, 11 kHz WAV): a centre with no internet and no
espeak-ng still announces out of the box, and every install says the same thing. Run this again only to change
the voice (espeak-ng from Debian: `apt-get install espeak-ng`). Each clip is trimmed of espeak's leading and
trailing silence so that the display can join them without gaps; the chime is synthesised here.
"""

import array
import math
import subprocess
import sys
import wave
from pathlib import Path

from models.announcement import CHIME, REQUIRED, clip_words

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "static" / "sounds" / "voice"
ESPEAK_RATE = 22050
RATE = ESPEAK_RATE // 2  # 11 kHz: plenty for a voice over a hall's loudspeakers, and half the size to ship
VOICE = "vi"  # espeak-ng's Northern Vietnamese
SPEED = 145  # words per minute: a little slower than espeak's default, for a large echoing hall
SILENCE = 400  # samples below this amplitude count as silence when trimming
PAD = int(RATE * 0.06)  # a short breath kept after each clip, so words do not run into each other


def _speak(words: str) -> array.array:
    wav = subprocess.run(
        ["espeak-ng", "-v", VOICE, "-s", str(SPEED), "--stdout", words], check=True, capture_output=True
    ).stdout
    samples = array.array("h")
    samples.frombytes(wav[44:])  # espeak-ng writes a plain 44-byte RIFF header, 22050 Hz 16-bit mono
    return _halve(samples)


def _halve(samples: array.array) -> array.array:
    """22 050 → 11 025 Hz: each pair of samples averaged (a low-pass, so no aliasing hiss), then one kept."""
    return array.array("h", ((samples[i] + samples[i + 1]) // 2 for i in range(0, len(samples) - 1, 2)))


def _trim(samples: array.array) -> array.array:
    loud = [i for i, s in enumerate(samples) if abs(s) > SILENCE]
    if not loud:
        return samples
    return samples[max(loud[0] - 100, 0) : min(loud[-1] + PAD, len(samples))]


def _chime() -> array.array:
    """Two soft bell tones (E5 then C5), 1.2 s."""
    samples = array.array("h")
    for freq, start in ((659.25, 0.0), (523.25, 0.45)):
        for i in range(int(RATE * 1.2)):
            t = i / RATE - start
            value = 0.0 if t < 0 else math.sin(2 * math.pi * freq * t) * math.exp(-4 * t)
            if len(samples) <= i:
                samples.append(0)
            samples[i] = max(-32767, min(32767, samples[i] + int(value * 9000)))
    return samples


def _write(path: Path, samples: array.array) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


def build(folder: Path = DEFAULT_FOLDER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in REQUIRED:
        path = folder / f"{name}.wav"
        _write(path, _trim(_speak(clip_words(name))))
        written.append(path)
    path = folder / f"{CHIME}.wav"
    _write(path, _chime())
    written.append(path)
    return written


if __name__ == "__main__":
    paths = build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER)
    print(f"{len(paths)} clips in {paths[0].parent}")
