<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="585"/>
        <source>Answer the evidence request</source>
        <translation>回复补充凭证要求</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="591"/>
        <source>Answer by {t}; unanswered, the platform decides without you (usually for the buyer).</source>
        <translation>请在 {t} 前回复；逾期未回复，平台将不再等待商家直接处理（通常判买家胜诉）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="609"/>
        <source>Wait until the attached images are ready.</source>
        <translation>请等待附加的图片处理完成。</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="65"/>
        <source>Message to the buyer</source>
        <translation>给买家的消息</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="118"/>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="630"/>
        <source>Image…</source>
        <translation>图片…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="123"/>
        <source>Write to the buyer… (M; Ctrl+Enter sends)</source>
        <translation>给买家留言…（M；Ctrl+Enter 发送）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="134"/>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="140"/>
        <source>Propose… (O)</source>
        <translation>发起协商… (O)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="143"/>
        <source>Ask for more time… (T)</source>
        <translation>申请延长处理时间… (T)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="146"/>
        <source>Answer the request… (Y)</source>
        <translation>回复补充凭证… (Y)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="157"/>
        <source>Your role may read this conversation but not write in it.</source>
        <translation>您的角色可以查看协商记录，但不能发言。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="188"/>
        <source>Message templates…</source>
        <translation>留言模板…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="277"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="277"/>
        <source>Merchant</source>
        <translation>商家</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="278"/>
        <source>Customer service</source>
        <translation>平台客服</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="288"/>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="291"/>
        <source>waiting to upload</source>
        <translation>待上传</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="293"/>
        <source>not sent: {why}</source>
        <translation>未发送：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="299"/>
        <source>image {n}</source>
        <translation>图片 {n}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="305"/>
        <source>image {n} (downloading…)</source>
        <translation>图片 {n}（下载中…）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="309"/>
        <source>attached image</source>
        <translation>附加的图片</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="318"/>
        <source>No messages yet.</source>
        <translation>暂无消息。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="330"/>
        <source>partial refund {amount}</source>
        <translation>部分退款 {amount}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="331"/>
        <source>a re-issued card</source>
        <translation>补发新卡密</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="334"/>
        <source>Proposal (round {r}): {what}; the buyer answers by {t}.</source>
        <translation>协商方案（第 {r} 轮）：{what}；买家需在 {t} 前答复。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="337"/>
        <source>The buyer accepted your proposal: {what}.</source>
        <translation>买家已同意协商方案：{what}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="339"/>
        <source>declined it</source>
        <translation>拒绝了方案</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="339"/>
        <source>did not answer in time</source>
        <translation>未在规定时间内答复</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="340"/>
        <source>The buyer {why} ({what}): the refund is back in your queue; decide by {t}.</source>
        <translation>买家{why}（{what}）：退款已退回待处理队列，请在 {t} 前处理。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="344"/>
        <source>More time given: {h} h; the deadline is now {t}.</source>
        <translation>已延长 {h} 小时；处理截止时间现为 {t}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="347"/>
        <source>Customer service asks: “{q}” — answer by {t}.</source>
        <translation>平台客服要求：“{q}” —— 请在 {t} 前回复。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="349"/>
        <source>message</source>
        <translation>留言</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="349"/>
        <source>proposal</source>
        <translation>协商方案</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="349"/>
        <source>more time</source>
        <translation>延长处理时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="350"/>
        <source>evidence answer</source>
        <translation>补充凭证</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="353"/>
        <source>Waiting to upload: {what}.</source>
        <translation>待上传：{what}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="399"/>
        <source>Could not save: {why}</source>
        <translation>未能保存：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="415"/>
        <source>The buyer has not answered your last messages: wait for an answer.</source>
        <translation>买家尚未回复您之前的留言，请等待买家回复后再留言。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="416"/>
        <source>The conversation is closed: the refund is finished.</source>
        <translation>售后已结束，协商已关闭。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="417"/>
        <source>The rounds of negotiation are used up: decide the refund.</source>
        <translation>协商轮次已用完，请直接处理该退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="418"/>
        <source>More time cannot be asked for this refund now.</source>
        <translation>该退款目前不能申请延长处理时间。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="419"/>
        <source>This evidence request is no longer open.</source>
        <translation>该补充凭证要求已不能回复。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="420"/>
        <source>This has been done already; it is uploading.</source>
        <translation>此操作已提交，正在上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="436"/>
        <source>Wait until the attached images are ready.</source>
        <translation>请等待附加的图片处理完成。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="639"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="544"/>
        <source>Ask for more time</source>
        <translation>申请延长处理时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="551"/>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="552"/>
        <source>More time</source>
        <translation>延长时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="556"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="560"/>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="573"/>
        <source>The deadline moves from {old} to {new}. More time can be asked once per refund.</source>
        <translation>处理截止时间将从 {old} 延至 {new}。每笔退款只能申请一次延长。</translation>
    </message>
</context>
<context>
    <name>ProposeDialog</name>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="484"/>
        <source>Propose a resolution</source>
        <translation>发起协商</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="488"/>
        <source>Partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="490"/>
        <source>Re-issue the card</source>
        <translation>补发卡密</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="491"/>
        <source>Proposal</source>
        <translation>协商方案</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="496"/>
        <source>Amount (¥)</source>
        <translation>金额（¥）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="500"/>
        <source>Message to the buyer</source>
        <translation>给买家的说明</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="504"/>
        <source>The buyer has {h} h to answer. Accepted: the refund is paid as proposed (or the card re-issued). Declined or unanswered: the refund comes back to your queue with a new deadline.</source>
        <translation>买家有 {h} 小时答复。同意：按方案退款（或补发卡密）。拒绝或逾期未答复：退款回到您的待处理队列，并有新的处理截止时间。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="523"/>
        <source>Wait until the attached images are ready.</source>
        <translation>请等待附加的图片处理完成。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="529"/>
        <source>Type the amount in yuan, e.g. 70 or 70.50.</source>
        <translation>请输入以元为单位的金额，例如 70 或 70.50。</translation>
    </message>
</context>
</TS>
