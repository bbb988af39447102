# Builds the inputs of the register anchor table in the README (scikit-image#6456 exactly as in the issue,
# seeded; a periodic-ambiguity pair; scikit-image#6376's error ≈ 1 for a matched and an unrelated pair), runs
# scikit-image 0.19 phase_cross_correlation and ./xcorr register on them, prints both. Usage: python3 docs/anchors/register_anchors.py "$PWD" (needs python3-skimage, scipy).
import numpy as np, json, subprocess, sys
import skimage
from skimage.registration import phase_cross_correlation
from skimage.data import binary_blobs
from scipy.ndimage import gaussian_filter
wt = sys.argv[1]
out = {}
# scikit-image#6456 (exact script of the issue, seeded)
blobs = binary_blobs(256, blob_size_fraction=0.05, volume_fraction=0.7, seed=1)
ref1 = gaussian_filter(skimage.img_as_float(blobs), 3)
s = [5, 3]
mov = ref1[10 - s[0]:-10 - s[0], 10 - s[1]:-10 - s[1]]
ref = ref1[10:-10, 10:-10]
np.save('/tmp/smooth_ref.npy', ref); np.save('/tmp/smooth_mov.npy', mov)
out['smooth_skimage'] = phase_cross_correlation(ref, mov)[0].tolist()
out['smooth_skimage_none'] = phase_cross_correlation(ref, mov, normalization=None)[0].tolist()
# periodic ambiguity: two crops of a smooth random scene, true shift (36, -5) on 64x128
rng = np.random.default_rng(6604)
scene = gaussian_filter(rng.random((200, 200)), 1)
ref = scene[60:124, 20:148]; mov = scene[96:160, 15:143]
np.save('/tmp/per_ref.npy', ref); np.save('/tmp/per_mov.npy', mov)
out['periodic_skimage'] = phase_cross_correlation(ref, mov)[0].tolist()
# scikit-image#6376: `error` of phase-normalized correlation is ~1 whatever the input; a matched pair (the crops
# above at their true shift: exactly overlapping content) against two unrelated smooth random images
np.save('/tmp/match_ref.npy', ref); np.save('/tmp/match_mov.npy', scene[60:124, 20:148])
other = gaussian_filter(np.random.default_rng(6376).random((64, 128)), 1)
np.save('/tmp/unrelated_ref.npy', ref); np.save('/tmp/unrelated_mov.npy', other)
for name in ['match', 'unrelated']:
    r = phase_cross_correlation(np.load(f'/tmp/{name}_ref.npy'), np.load(f'/tmp/{name}_mov.npy'))
    out[name + '_skimage'] = [r[0].tolist(), float(r[1])]
out['version'] = skimage.__version__
for name in ['match', 'unrelated']:
    r = subprocess.run([wt + '/xcorr', 'register', f'/tmp/{name}_ref.npy', f'/tmp/{name}_mov.npy'],
                       capture_output=True, text=True)
    out[name + ' xcorr'] = r.stdout.strip() or r.stderr.strip()
for name in ['smooth', 'per']:
    for extra in [[], ['--disambiguate']]:
        r = subprocess.run([wt + '/xcorr', 'register', f'/tmp/{name}_ref.npy', f'/tmp/{name}_mov.npy'] + extra,
                           capture_output=True, text=True)
        out[name + ' xcorr ' + ' '.join(extra)] = r.stdout.strip() or r.stderr.strip()
print(json.dumps(out, indent=1))
