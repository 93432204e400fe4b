package io.github.mp4j.kernel;

import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import io.github.spencerpark.jupyter.messages.request.KernelInfoRequest;
import java.util.List;
import java.util.function.Supplier;

/**
 * Replies that basekernel 2.3.0 gets wrong, and their handlers: its {@code kernel_info_reply} has
 * no {@code status}, and it never answers {@code history_request} (its history reply could not
 * be serialized as the protocol's tuples by the socket's Gson anyway). Both contents are
 * serialized by basekernel's Gson, field by field.
 */
final class ProtocolFixes {

    private ProtocolFixes() {}

    /** Answers {@code kernel_info_request} with {@code info}'s reply. */
    static ShellHandler<KernelInfoRequest> kernelInfo(Supplier<KernelInfo> info) {
        return (env, message) -> {
            env.setBusyDeferIdle();
            env.reply(info.get());
        };
    }

    /** Answers {@code history_request} from {@code history}. */
    static ShellHandler<HistoryRequest> history(CellHistory history) {
        return (env, message) -> {
            env.setBusyDeferIdle();
            env.reply(new History(history.answer(message.getContent())));
        };
    }

    /** {@code kernel_info_reply} with {@code "status": "ok"}. */
    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // read by Gson
        private final String status = "ok";

        KernelInfo(String protocolVersion, String implementation, String implementationVersion,
                   LanguageInfo language, String banner, List<LanguageInfo.Help> helpLinks) {
            super(protocolVersion, implementation, implementationVersion, language, banner, helpLinks);
        }
    }

    /**
     * {@code history_reply}: {@code history} holds {@code [session, line, input]} or, with output,
     * {@code [session, line, [input, output]]} lists.
     */
    static final class History implements ContentType<History> {
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static final MessageType<History> TYPE = (MessageType) MessageType.HISTORY_REPLY;

        @SuppressWarnings("unused") // read by Gson
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<List<Object>> history;

        History(List<List<Object>> history) {
            this.history = history;
        }

        @Override
        public MessageType<History> getType() {
            return TYPE;
        }
    }
}
