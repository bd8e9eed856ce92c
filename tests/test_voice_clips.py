"""The voice of the wall displays: the shipped default clip set, a centre's own set uploaded as a zip (checked
whole, all or nothing) and the route a display fetches clips from."""

import io
import re
import shutil
import struct
import wave
import zipfile
from pathlib import Path

import pytest
from mutagen.ogg import OggPage
from sqlalchemy import func, select

from models import VoiceClip, db
from models.announcement import ALL, REQUIRED
from models.voice_clips import clip_set_version
from motcua import voice_build

VOICE = Path(__file__).resolve().parents[1] / "static" / "sounds" / "voice"


def wav(seconds: float = 0.4, rate: int = 8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(rate)
        clip.writeframes(b"\x10\x00" * int(seconds * rate))
    return out.getvalue()


def mp3(seconds: float) -> bytes:
    """Silent MPEG-1 Layer III frames at 128 kbit/s and 44.1 kHz: 1,152 samples in 417 bytes each."""
    frame = b"\xff\xfb\x90\x00" + bytes(413)
    return frame * round(seconds * 44100 / 1152)


def ogg(seconds: float, rate: int = 22050) -> bytes:
    """An Ogg Vorbis stream's pages as a player reads its length: the identification header (its rate), the
    comment and setup headers, and a last page whose granule position is the samples played."""
    identification = b"\x01vorbis" + struct.pack("<IBIiiiBB", 0, 1, rate, 0, 64000, 0, 0xB8, 1)
    comment = b"\x03vorbis" + struct.pack("<I", 4) + b"test" + struct.pack("<I", 0) + b"\x01"
    pages = []
    for sequence, packets, position in (
        (0, [identification], 0),
        (1, [comment, b"\x05vorbis" + bytes(30)], 0),
        (2, [bytes(200)], int(seconds * rate)),
    ):
        page = OggPage()
        page.packets, page.sequence, page.position, page.serial = packets, sequence, position, 7
        page.first, page.last = sequence == 0, sequence == 2
        pages.append(page.write())
    return b"".join(pages)


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def full_set(**replace) -> dict[str, bytes]:
    files = {f"bo-am-thanh/{name}.wav": wav() for name in REQUIRED}
    files.update(replace)
    return files


@pytest.mark.parametrize("name", ALL)
def test_the_default_set_has_every_clip_as_plausible_audio(name):
    with wave.open(str(VOICE / f"{name}.wav")) as clip:
        seconds = clip.getnframes() / clip.getframerate()
        frames = clip.readframes(clip.getnframes())
    low, high = (0.9, 3.5) if name in ("moi_cong_dan", "chime") else (0.15, 2.0)
    assert low <= seconds <= high, f"{name}: {seconds:.2f} s"
    assert (
        max(abs(int.from_bytes(frames[i : i + 2], "little", signed=True)) for i in range(0, len(frames), 2))
        > 3000
    )


def upload(client, data: bytes, filename="giong-doc.zip"):
    return client.post(
        "/admin/voice", data={"clips": (io.BytesIO(data), filename)}, content_type="multipart/form-data"
    )


def clip_count(site_id) -> int:
    return db.session.scalar(select(func.count()).select_from(VoiceClip).where(VoiceClip.site_id == site_id))


def test_a_good_zip_replaces_the_set_and_displays_fetch_it(demo, login):
    client = login("admin")
    response = upload(client, zipped(full_set(**{"bo-am-thanh/chime.ogg": ogg(1.5)})))
    assert response.status_code == 302
    assert clip_count(demo.site.id) == len(ALL)
    version = clip_set_version(db.session, demo.site.id)
    clip = client.get(f"/display/voice/{demo.site.id}/{version}/so_12")
    assert (clip.status_code, clip.mimetype, clip.data) == (200, "audio/wav", wav())
    assert "immutable" in clip.headers["Cache-Control"]
    page = client.get("/admin/voice").get_data(as_text=True)
    assert f"bộ âm thanh riêng của trung tâm ({len(ALL)} tệp" in page


def test_a_zip_missing_clips_names_them_and_changes_nothing(demo, login):
    client = login("admin")
    assert upload(client, zipped(full_set())).status_code == 302
    before = clip_set_version(db.session, demo.site.id)
    files = full_set()
    del files["bo-am-thanh/so_12.wav"], files["bo-am-thanh/letter_q.wav"]
    response = upload(client, zipped(files))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Thiếu 2 tệp: letter_q, so_12." in text
    assert clip_set_version(db.session, demo.site.id) == before
    assert clip_count(demo.site.id) == len(REQUIRED)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("so_3.wav", b"this is not audio at all", "so_3.wav: không đọc được âm thanh."),
        ("so_3.wav", wav(seconds=30), "so_3.wav: dài 30 giây; mỗi tệp phải dài từ 0,05 đến 15 giây."),
        ("so_3.mp3", b"<html>not an mp3</html>", "so_3.mp3: không đọc được âm thanh."),
        ("so_3.mp3", mp3(seconds=40), "so_3.mp3: dài 39,9 giây; mỗi tệp phải dài từ 0,05 đến 15 giây."),
        ("so_3.ogg", ogg(seconds=20.25), "so_3.ogg: dài 20,2 giây; mỗi tệp phải dài từ 0,05 đến 15 giây."),
        ("so_3.ogg", b"OggS" + b"\0" * 200, "so_3.ogg: không đọc được âm thanh."),
        ("so_3.ogg", mp3(seconds=1), "so_3.ogg: không đọc được âm thanh."),
        ("so_3.txt", b"ba", "so_3.txt: chỉ nhận WAV, MP3 hoặc OGG."),
    ],
)
def test_an_unreadable_clip_is_refused_by_name(demo, login, name, data, problem):
    files = full_set()
    del files["bo-am-thanh/so_3.wav"]
    files[name] = data
    response = upload(login("admin"), zipped(files))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert problem in text and "Thiếu 1 tệp" not in text
    assert clip_count(demo.site.id) == 0


def test_mp3_and_ogg_clips_of_a_plausible_length_are_taken(demo, login):
    files = full_set()
    del files["bo-am-thanh/so_3.wav"], files["bo-am-thanh/so_4.wav"]
    files["so_3.mp3"], files["so_4.ogg"] = mp3(seconds=0.8), ogg(seconds=0.9)
    assert upload(login("admin"), zipped(files)).status_code == 302
    kinds = dict(db.session.execute(select(VoiceClip.name, VoiceClip.mime)).all())
    assert (kinds["so_3"], kinds["so_4"], kinds["so_5"]) == ("audio/mpeg", "audio/ogg", "audio/wav")


def test_a_file_that_is_no_zip_is_refused(demo, login):
    response = upload(login("admin"), wav(), filename="so_1.wav")
    assert response.status_code == 422
    assert "Tệp tải lên không phải tệp nén .zip." in response.get_data(as_text=True)
    assert clip_count(demo.site.id) == 0


def test_no_file_is_refused(demo, login):
    response = login("admin").post("/admin/voice", data={})
    assert response.status_code == 400
    assert "Hãy chọn một tệp .zip" in response.get_data(as_text=True)


def test_a_zip_of_too_many_files_is_refused_unread(demo, login):
    files = full_set(**{f"extra/{i}.wav": b"" for i in range(400)})
    response = upload(login("admin"), zipped(files))
    assert response.status_code == 422
    assert "quá nhiều tệp" in response.get_data(as_text=True)


def test_an_mp3_with_an_id3_tag_is_accepted(demo, login):
    files = full_set()
    del files["bo-am-thanh/so_3.wav"]
    files["so_3.mp3"] = b"ID3\x03\x00\x00\x00\x00\x00\x05" + b"\0" * 5 + mp3(seconds=0.6)
    assert upload(login("admin"), zipped(files)).status_code == 302
    version = clip_set_version(db.session, demo.site.id)
    assert login("admin").get(f"/display/voice/{demo.site.id}/{version}/so_3").mimetype == "audio/mpeg"


def test_going_back_to_the_default_set(demo, login):
    client = login("admin")
    upload(client, zipped(full_set()))
    assert client.post("/admin/voice/default").status_code == 302
    assert clip_count(demo.site.id) == 0
    clip = client.get(f"/display/voice/{demo.site.id}/d/moi_cong_dan")
    assert clip.status_code == 200 and clip.data == (VOICE / "moi_cong_dan.wav").read_bytes()


def test_without_an_own_set_the_default_is_served(demo, client):
    clip = client.get(f"/display/voice/{demo.site.id}/d/letter_a")
    assert (clip.status_code, clip.mimetype) == (200, "audio/wav")
    assert "immutable" in clip.headers["Cache-Control"]
    stale = client.get(f"/display/voice/{demo.site.id}/c99/letter_a")
    assert (stale.status_code, stale.headers["Cache-Control"]) == (200, "no-cache")


@pytest.mark.parametrize("name", ["../../README", "letter_ä", "so_100", "x" * 300, "moi_cong_dan.wav"])
def test_only_clip_names_are_served(demo, client, name):
    assert client.get(f"/display/voice/{demo.site.id}/d/{name}").status_code == 404


def test_an_officer_cannot_change_the_voice(demo, login):
    response = upload(login("canbo1"), zipped(full_set()))
    assert response.status_code == 403
    assert clip_count(demo.site.id) == 0


def test_another_sites_supervisor_cannot_change_this_one(demo, second_site, login):
    response = login("giamsat2").post(
        f"/admin/voice?site={demo.site.code}",
        data={"clips": (io.BytesIO(zipped(full_set())), "a.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 403
    assert clip_count(demo.site.id) == 0


@pytest.mark.skipif(
    not shutil.which("espeak-ng"), reason="espeak-ng is not installed (make system installs it)"
)
def test_the_default_set_can_be_rebuilt_offline(tmp_path):
    built = {path.stem: path for path in voice_build.build(tmp_path)}
    assert set(built) == set(ALL)
    for name in ("moi_cong_dan", "letter_q", "so_21"):
        with wave.open(str(built[name])) as clip:
            assert clip.getframerate() == voice_build.RATE and clip.getnframes() > 0.15 * voice_build.RATE


def test_a_set_larger_than_other_forms_may_post_is_taken_with_its_csrf_token(app, demo, login, monkeypatch):
    client = login("admin")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    page = client.get("/admin/voice").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    long = wav(seconds=14, rate=44100)  # recorded at CD quality: 1.2 MB each
    big = zipped(full_set(**{"bo-am-thanh/moi_cong_dan.wav": long, "bo-am-thanh/den_quay_so.wav": long}))
    assert len(big) > app.config["MAX_CONTENT_LENGTH"]
    refused = client.post(
        "/admin/voice", data={"clips": (io.BytesIO(big), "a.zip")}, content_type="multipart/form-data"
    )
    assert refused.status_code == 400 and clip_count(demo.site.id) == 0
    taken = client.post(
        "/admin/voice",
        data={"csrf_token": token, "clips": (io.BytesIO(big), "a.zip")},
        content_type="multipart/form-data",
    )
    assert taken.status_code == 302 and clip_count(demo.site.id) == len(REQUIRED)


def test_a_set_that_unpacks_too_large_is_refused_unread(demo, login):
    files = full_set(**{"moi_cong_dan.wav": b"\0" * (65 * 1024 * 1024)})
    del files["bo-am-thanh/moi_cong_dan.wav"]
    response = upload(login("admin"), zipped_small(files))
    assert response.status_code == 422 and "quá 64 MB" in response.get_data(as_text=True)


def zipped_small(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()
