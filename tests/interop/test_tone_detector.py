#!/usr/bin/env python3
"""Self-test of the tone detector and WAV helpers used by the interop tests (no JACK, no Jamulus)."""

import os
import random
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # keep the source tree free of __pycache__
import jamulus_harness as jh  # noqa: E402

RATE = jh.SAMPLE_RATE


class ToneDetectorTest(unittest.TestCase):
    def test_goertzel_measures_amplitude(self):
        amp = jh.goertzel_amplitude(jh.sine(240, 0.1, amplitude=1000.0), 240)
        self.assertAlmostEqual(amp, 1000.0, delta=10.0)
        self.assertLess(jh.goertzel_amplitude(jh.sine(240, 0.1, amplitude=1000.0), 720), 5.0)

    def test_clean_tone_is_found(self):
        found, report = jh.detect_tone(jh.sine(240, 2.0), 240)
        self.assertTrue(found, report)

    def test_quiet_tone_at_minus_40_dbfs_is_found(self):
        found, report = jh.detect_tone(jh.sine(240, 1.0, amplitude=350.0), 240)
        self.assertTrue(found, report)

    def test_silence_is_not_a_tone(self):
        found, report = jh.detect_tone([0] * RATE, 240)
        self.assertFalse(found, report)

    def test_empty_or_short_input_is_not_a_tone(self):
        self.assertFalse(jh.detect_tone([], 240)[0])
        self.assertFalse(jh.detect_tone(jh.sine(240, 0.05), 240)[0])   # shorter than one block

    def test_other_frequency_is_not_the_tone(self):
        for freq in (720, 250, 1000):
            found, report = jh.detect_tone(jh.sine(freq, 1.0), 240)
            self.assertFalse(found, (freq, report))

    def test_white_noise_is_not_a_tone(self):
        rnd = random.Random(1)
        noise = [rnd.uniform(-8000, 8000) for _ in range(RATE)]
        found, report = jh.detect_tone(noise, 240)
        self.assertFalse(found, report)

    def test_tone_buried_in_strong_noise_is_rejected(self):
        rnd = random.Random(2)
        mix = [s + rnd.uniform(-20000, 20000) for s in jh.sine(240, 1.0, amplitude=300.0)]
        self.assertFalse(jh.detect_tone(mix, 240)[0])

    def test_tone_with_dropouts_is_still_found(self):
        # Like a real client's output: the tone with a few 20 ms gaps of silence.
        samples = jh.sine(240, 2.0)
        for start in range(0, len(samples), 9600):
            for i in range(start, min(start + 960, len(samples))):
                samples[i] = 0
        found, report = jh.detect_tone(samples, 240)
        self.assertTrue(found, report)

    def test_tone_present_only_briefly_is_rejected(self):
        samples = [0.0] * (2 * RATE)
        samples[:RATE // 5] = jh.sine(240, 0.2)         # 200 ms of tone in 2 s
        found, report = jh.detect_tone(samples, 240)
        self.assertFalse(found, report)

    def test_two_tones_each_found_and_control_matters(self):
        mix = [x + y for x, y in zip(jh.sine(240, 1.0), jh.sine(720, 1.0))]
        self.assertTrue(jh.detect_tone(mix, 240, control_freqs=(1500.0,))[0])
        # With the other tone as a control frequency, neither counts as "the" tone.
        self.assertFalse(jh.detect_tone(mix, 240, control_freqs=(720.0,))[0])

    def test_wav_round_trip(self):
        with tempfile.TemporaryDirectory(prefix="tutti-tone-selftest-") as d:
            path = os.path.join(d, "t.wav")
            jh.write_wav(path, [jh.sine(240, 1.0), [0] * RATE])
            (left, right), rate = jh.read_wav(path)
            self.assertEqual(rate, RATE)
            self.assertEqual(len(left), RATE)
            self.assertTrue(jh.detect_tone(left, 240)[0])
            self.assertFalse(jh.detect_tone(right, 240)[0])


if __name__ == "__main__":
    unittest.main(verbosity=2)
