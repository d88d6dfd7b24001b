// Model initialisation and dropout draw from torch's process-wide generator, so tests that seed
// it must not interleave with others drawing from it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
