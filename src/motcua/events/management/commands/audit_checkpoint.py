import time

from django.core.management.base import BaseCommand, CommandError

from motcua.events.checkpoints import CheckpointError, checkpoint_path, write_checkpoint


class Command(BaseCommand):
    help = (
        "Append a signed checkpoint of every dossier's audit head to AUDIT_CHECKPOINT_DIR "
        "(once, or every --interval seconds with --loop)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true")
        parser.add_argument("--interval", type=float, default=300.0)

    def handle(self, *args, **options):
        while True:
            try:
                written = write_checkpoint()
            except CheckpointError as exc:
                raise CommandError(f"{checkpoint_path()}: {exc}") from exc
            for problem in written.refused:
                self.stderr.write(problem)
            if written.checkpoint is not None:
                self.stdout.write(
                    f"checkpoint {written.checkpoint['n']}: "
                    f"{len(written.checkpoint['heads'])} head(s) changed"
                )
            if not options["loop"]:
                if written.refused:
                    raise CommandError(f"{len(written.refused)} head(s) not checkpointed")
                return
            time.sleep(options["interval"])
