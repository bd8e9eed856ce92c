"""The clip list a wall display plays for a call (models/announcement.py): every code shape, every counter."""

import pytest

from models.announcement import ALL, REQUIRED, announcement_clips, clip_words, number_words

HEAD = ["chime", "moi_cong_dan"]


@pytest.mark.parametrize(
    ("code", "spoken"),
    [
        ("A001", ["letter_a", "so_0", "so_0", "so_1"]),
        ("A010", ["letter_a", "so_0", "so_1", "so_0"]),
        ("A012", ["letter_a", "so_0", "so_1", "so_2"]),
        ("A100", ["letter_a", "so_1", "so_0", "so_0"]),
        ("B999", ["letter_b", "so_9", "so_9", "so_9"]),
        ("C1000", ["letter_c", "so_1", "so_0", "so_0", "so_0"]),
        ("HT005", ["letter_h", "letter_t", "so_0", "so_0", "so_5"]),
        ("XYZ042", ["letter_x", "letter_y", "letter_z", "so_0", "so_4", "so_2"]),
    ],
)
def test_a_ticket_is_read_letter_by_letter_and_digit_by_digit(code, spoken):
    assert announcement_clips(code, 3) == HEAD + spoken + ["den_quay_so", "so_3"]


@pytest.mark.parametrize("number", range(1, 100))
def test_counters_1_to_99_are_read_as_one_number(number):
    assert announcement_clips("A001", number)[-2:] == ["den_quay_so", f"so_{number}"]


def test_counters_above_99_are_read_digit_by_digit():
    assert announcement_clips("A001", 105)[-4:] == ["den_quay_so", "so_1", "so_0", "so_5"]


def test_a_recall_starts_with_xin_nhac_lai():
    assert announcement_clips("A012", 3, recall=True) == [
        "chime", "xin_nhac_lai", "moi_cong_dan", "letter_a", "so_0", "so_1", "so_2", "den_quay_so", "so_3",
    ]  # fmt: skip


@pytest.mark.parametrize("code", ["", "a012", "A", "012", "ABCD001", "A12345", "Đ001", "A-01", None])
def test_anything_else_is_refused(code):
    with pytest.raises(ValueError, match="not a ticket call"):
        announcement_clips(code, 3)


def test_every_clip_of_a_call_is_in_the_set():
    for code in ("A000", "Z999", "ABC123"):
        assert set(announcement_clips(code, 99, recall=True)) <= set(ALL)


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "không"), (5, "năm"), (10, "mười"), (11, "mười một"), (14, "mười bốn"), (15, "mười lăm"),
     (20, "hai mươi"), (21, "hai mươi mốt"), (24, "hai mươi tư"), (25, "hai mươi lăm"), (99, "chín mươi chín")],
)  # fmt: skip
def test_numbers_are_said_as_vietnamese_say_them(n, words):
    assert number_words(n) == words


def test_every_required_clip_has_words():
    assert all(clip_words(name) for name in REQUIRED)
    assert clip_words("letter_b") == "bê" and clip_words("moi_cong_dan") == "Mời công dân có số thứ tự"
