"""What a harvest run tells the modules that react to it, without the run importing them."""

from django.dispatch import Signal

# Sent by harvesters.jobs.run_job once a job has ended (whatever its status), with `job` (the HarvestJob).
# harvesters.alerts listens (HarvestersConfig.ready) to e-mail the hub's admins when the source's health changed.
job_finished = Signal()
