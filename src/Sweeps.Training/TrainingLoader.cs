using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Sweeps.Data;
using Sweeps.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweeps.Training;

/// <summary>
/// Augmented training batches for steps [firstStep, endStep) in <see cref="TrainingOrder"/>. A
/// background task copies each step's images (through <see cref="LabelledImages.Image"/>, so a
/// memory map works like an array) into one of a few reusable staging batches and queues up to
/// <c>prefetchDepth</c> of them; <see cref="Next"/> copies the raw bytes to the device, converts them
/// to floats in [0, 1] there and applies the step's <see cref="BatchAugmentation"/>. The batch of a
/// step depends only on (seed, step), whatever step the loader started at.
/// </summary>
public sealed class TrainingLoader : IDisposable
{
    public const int DefaultPrefetchDepth = 3;

    private readonly LabelledImages images;
    private readonly TrainingOrder order;
    private readonly BatchAugmentation augmentation;
    private readonly Device device;
    private readonly long endStep;
    private readonly StagedBatch[] staging;
    private readonly BlockingCollection<StagedBatch> free;
    private readonly BlockingCollection<(long Step, StagedBatch Batch)> ready;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task producer;
    private ExceptionDispatchInfo? producerFailure;

    public TrainingLoader(LabelledImages images, TrainingOrder order, DataConfig data, Device device,
        long firstStep, long endStep, int prefetchDepth = DefaultPrefetchDepth)
    {
        if (order.ImageCount != images.Count)
            throw new ArgumentException($"{images.Source}: the order covers {order.ImageCount} images, the set holds {images.Count}.", nameof(order));
        if (prefetchDepth < 1)
            throw new ArgumentException($"Prefetch depth must be positive, got {prefetchDepth}.", nameof(prefetchDepth));
        this.images = images;
        this.order = order;
        augmentation = new BatchAugmentation(data);
        this.device = device;
        this.endStep = endStep;
        NextStep = firstStep;
        // One more staging batch than the queue holds, so the producer fills one while the queue is full.
        staging = Enumerable.Range(0, prefetchDepth + 1)
            .Select(_ => new StagedBatch(order.BatchSize, images.Size, pinned: device.type == DeviceType.CUDA))
            .ToArray();
        free = new BlockingCollection<StagedBatch>(new ConcurrentQueue<StagedBatch>(staging));
        ready = new BlockingCollection<(long, StagedBatch)>(prefetchDepth);
        producer = Task.Factory.StartNew(() => Produce(firstStep), TaskCreationOptions.LongRunning);
    }

    /// <summary>The step whose batch <see cref="Next"/> returns.</summary>
    public long NextStep { get; private set; }

    /// <summary>
    /// The next step's augmented images (N x 3 x S x S floats) and 0-based int64 labels on the device,
    /// owned by the caller's dispose scope. Waits while the background task is behind.
    /// </summary>
    /// <exception cref="InvalidOperationException">All steps up to the end step were delivered.</exception>
    public (Tensor Images, Tensor Labels) Next(CancellationToken ct)
    {
        if (NextStep >= endStep)
            throw new InvalidOperationException($"The loader was asked for step {NextStep}; it serves steps before {endStep}.");
        if (!ready.TryTake(out var item, Timeout.Infinite, ct))
        {
            producerFailure?.Throw();
            throw new InvalidOperationException("The batch producer stopped early.");
        }
        try
        {
            using var scope = NewDisposeScope();
            // Bytes cross to the device as uint8 (a quarter of the float traffic) and are converted there;
            // on the CPU the conversion is the one copy that frees the staging batch.
            var pixels = item.Batch.Pixels.to(device).to(ScalarType.Float32).div_(255);
            var labels = item.Batch.Labels.to(device, copy: true);
            var augmented = augmentation.Apply(pixels, TrainingSeeds.Augmentation(order.Seed, item.Step));
            NextStep++;
            return (augmented.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
        }
        finally
        {
            free.Add(item.Batch);
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        try
        {
            producer.Wait();
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(inner => inner is OperationCanceledException))
        {
            // Stopping the producer mid-wait is the normal way to end it early.
        }
        foreach (var batch in staging)
            batch.Dispose();
        free.Dispose();
        ready.Dispose();
        stopping.Dispose();
    }

    private void Produce(long firstStep)
    {
        var token = stopping.Token;
        try
        {
            var epoch = -1;
            int[] permutation = [];
            for (var step = firstStep; step < endStep; step++)
            {
                if (order.EpochOf(step) != epoch)
                {
                    epoch = order.EpochOf(step);
                    permutation = order.Permutation(epoch);
                }
                var batch = free.Take(token);
                var offset = order.OffsetOf(step);
                for (var slot = 0; slot < order.BatchSize; slot++)
                {
                    var index = permutation[offset + slot];
                    batch.SetImage(slot, images.Image(index), images.Labels[index]);
                }
                batch.CommitLabels();
                ready.Add((step, batch), token);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            producerFailure = ExceptionDispatchInfo.Capture(exception);
        }
        finally
        {
            ready.CompleteAdding();
        }
    }
}
