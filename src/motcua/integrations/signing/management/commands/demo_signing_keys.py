"""Make the demo's CA and signing certificates under RESULT_SIGNING_DIR (once): the agencies'
default PKCS#12 file and the remote-signing simulator's (`gateway.p12`)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.integrations.signing import demo_ca


class Command(BaseCommand):
    help = "Tạo CA thử nghiệm và chứng thư ký số của bản demo (var/signing/)."

    def handle(self, *args, **options):
        if not settings.RESULT_SIGNING_DEMO_CA:
            raise CommandError("RESULT_SIGNING_DEMO_CA is off: this installation uses real keys")
        directory = settings.RESULT_SIGNING_DIR
        passphrase = settings.RESULT_SIGNING_PKCS12_PASSPHRASE
        ca, _key = demo_ca.ensure_ca(directory)
        for filename in ("default.p12", "gateway.p12"):
            demo_ca.issue_pkcs12(
                directory,
                filename,
                common_name="Ủy ban nhân dân thành phố Hà Nội (demo)",
                organisation="Motcua demo",
                passphrase=passphrase,
            )
        self.stdout.write(f"demo CA: {ca}")
