"""Running cleanwire inside the engines that large text pipelines already use.

- `cleanwire.integrations.datatrove`: `CleanwireStep`, a datatrove `PipelineStep`, so that
  cleanwire runs under datatrove's local, Slurm and Ray executors
  (`pip install 'cleanwire[datatrove]'`).
- `cleanwire.integrations.ray`: `clean_dataset`, which cleans a Ray Dataset of records with
  `map_batches` (`pip install 'cleanwire[ray]'`).

Both wrap the library from outside (`Pipeline.clean_record`) and give the records the CLI
gives, byte for byte once written with `cleanwire.io.dumps`; each module imports its engine
only when it is itself imported.
"""
