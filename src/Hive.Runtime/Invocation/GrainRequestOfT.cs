using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hive.Runtime.Core;

namespace Hive.Runtime.Invocation;

/// <summary>A grain call with a result of type <typeparamref name="TResult"/> (<see cref="VoidResult"/> for none).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest<TResult> : GrainRequest
{
    private TaskCompletionSource<TResult>? _completion;

    /// <summary>Calls the method on the grain instance.</summary>
    protected abstract ValueTask<TResult> InvokeCore(object grain);

    /// <summary>Serializes an argument or result value of type <typeparamref name="T"/> with the options' metadata.</summary>
    protected static void Write<T>(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, TypeInfo<T>(options));

    /// <summary>Deserializes the value under the reader and advances past it.</summary>
    protected static T Read<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (!reader.Read())
        {
            throw new JsonException("Grain call arguments end early.");
        }

        return JsonSerializer.Deserialize(ref reader, TypeInfo<T>(options))!;
    }

    /// <summary>Checks the reader is at the end of the argument array.</summary>
    protected static void ReadEnd(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("Grain call arguments have more values than the method has parameters.");
        }
    }

    private static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    internal override Type ResultType => typeof(TResult);

    internal Task<TResult> CreateCompletion()
    {
        _completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        IsAwaitedLocally = true;
        return _completion.Task;
    }

    private protected override void ResetCompletion() => _completion = null;

    internal ValueTask<TResult> RunInline(ActivationData activation)
    {
        var previousSync = SynchronizationContext.Current;
        var previousContext = RequestContext.Capture();
        SynchronizationContext.SetSynchronizationContext(activation.SyncContext);
        ActivationData.InlineDepth++;
        ValueTask<TResult> pending;
        try
        {
            pending = activation.Runtime.HasIncomingFilters ? InvokeWithFilters(activation) : InvokeCore(activation.GrainInstance!);
        }
        catch (Exception ex)
        {
            pending = ValueTask.FromException<TResult>(ex);
        }

        if (pending.IsCompleted)
        {
            ActivationData.InlineDepth--;
            SynchronizationContext.SetSynchronizationContext(previousSync);
            RequestContext.Restore(previousContext);
            activation.ExitInline(this, requestDone: true);
            if (pending.IsCompletedSuccessfully)
            {
                var result = pending.Result;
                Recycle();
                return new ValueTask<TResult>(result);
            }

            var error = ExceptionOf(pending);
            Recycle();
            return ValueTask.FromException<TResult>(error);
        }

        var task = CreateCompletion();
        activation.Runtime.RegisterPending(this);
        _ = AwaitAndCompleteAsync(activation, pending);
        ActivationData.InlineDepth--;
        SynchronizationContext.SetSynchronizationContext(previousSync);
        RequestContext.Restore(previousContext);
        activation.ExitInline(this, requestDone: false);
        return new ValueTask<TResult>(task);
    }

    internal override void Execute(ActivationData activation)
    {
        var previousContext = RequestContext.Capture();
        RequestContext.Restore(Context);
        ValueTask<TResult> pending;
        try
        {
            pending = activation.Runtime.HasIncomingFilters ? InvokeWithFilters(activation) : InvokeCore(activation.GrainInstance!);
        }
        catch (Exception ex)
        {
            pending = ValueTask.FromException<TResult>(ex);
        }
        finally
        {
            RequestContext.Restore(previousContext);
        }

        if (pending.IsCompleted)
        {
            activation.OnRequestCompleted(this);
            if (pending.IsCompletedSuccessfully)
            {
                Complete(activation.Runtime, pending.Result, null);
            }
            else
            {
                Complete(activation.Runtime, default, ExceptionOf(pending));
            }
        }
        else
        {
            _ = AwaitAndCompleteAsync(activation, pending);
        }
    }

    private async Task AwaitAndCompleteAsync(ActivationData activation, ValueTask<TResult> pending)
    {
        // Runs with the activation's synchronization context: the continuation below is a turn of the activation.
        TResult? result = default;
        Exception? error = null;
        try
        {
            result = await pending;
        }
        catch (Exception ex)
        {
            error = ex;
        }

        activation.OnRequestCompleted(this);
        Complete(activation.Runtime, result, error);
    }

    private void Complete(SiloRuntime runtime, TResult? result, Exception? error)
    {
        if (ReplyTo is not null)
        {
            runtime.SendResponse(this, result, error);
            return;
        }

        if (_completion is not null)
        {
            runtime.RemovePending(this);
            if (error is null)
            {
                _completion.TrySetResult(result!);
            }
            else
            {
                _completion.TrySetException(error);
            }

            return;
        }

        if (error is not null)
        {
            runtime.OnOneWayFailed(this, error);
        }
    }

    internal override void Fail(Exception exception)
    {
        if (_completion is not null)
        {
            _completion.TrySetException(exception);
            return;
        }

        if (ReplyTo is not null)
        {
            ReceivedBy?.SendResponse(this, default, exception);
        }
    }

    internal void WriteResult(Utf8JsonWriter writer, TResult? result, JsonSerializerOptions options) => Write(writer, result, options);

    internal override void CompleteFromResponse(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var result = typeof(TResult) == typeof(VoidResult) ? default! : JsonSerializer.Deserialize(ref reader, TypeInfo<TResult>(options))!;
        _completion?.TrySetResult(result);
    }

    private async ValueTask<TResult> InvokeWithFilters(ActivationData activation)
    {
        var result = await activation.Runtime.RunIncomingFiltersAsync(this, activation);
        return result is TResult value ? value : default!;
    }

    internal override async Task InvokeUntyped(IIncomingGrainCallContext context, object grain, Action<object?> setResult)
    {
        var result = await InvokeCore(grain);
        setResult(typeof(TResult) == typeof(VoidResult) ? null : result);
    }

    internal override async ValueTask<object?> InvokeOutgoingUntyped(GrainReference target)
    {
        var result = await target.Runtime.InvokeUnfiltered(target, this).ConfigureAwait(false);
        return typeof(TResult) == typeof(VoidResult) ? null : result;
    }

    private static Exception ExceptionOf(ValueTask<TResult> completed)
    {
        try
        {
            _ = completed.GetAwaiter().GetResult();
            return new InvalidOperationException("The call did not fail.");
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
