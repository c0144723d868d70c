"""Signing the results: where the signing key lives (docs/results.md).

One interface (`sources.KeySource.sign_pdf`) over three places a key may live: a PKCS#12 file
per agency, a key on a PKCS#11 token (an HSM or a USB token), and the
national remote-signing gateway (`client.py`). `sync.py` signs a decided dossier's results
from the outbox, so a gateway that is down is retried and the decision itself is never held up.
"""
