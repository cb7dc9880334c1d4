<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="603"/>
        <source>Answer the evidence request</source>
        <translation>回复补充凭证要求</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="605"/>
        <source>Customer service asks:</source>
        <translation>平台客服要求：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="612"/>
        <source>Answer by {t}; unanswered, the platform decides without you (usually for the buyer).</source>
        <translation>请在 {t} 前回复；逾期未回复，平台将不再等待商家直接处理（通常判买家胜诉）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="630"/>
        <source>Wait until the attached images are ready.</source>
        <translation>请等待附加的图片处理完成。</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="66"/>
        <source>Message to the buyer</source>
        <translation>给买家的消息</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="119"/>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="651"/>
        <source>Image…</source>
        <translation>图片…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="124"/>
        <source>Write to the buyer… (M; Ctrl+Enter sends)</source>
        <translation>给买家留言…（M；Ctrl+Enter 发送）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="136"/>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="142"/>
        <source>Propose… (O)</source>
        <translation>发起协商… (O)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="145"/>
        <source>Ask for more time… (T)</source>
        <translation>申请延长处理时间… (T)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="148"/>
        <source>Answer the request… (Y)</source>
        <translation>回复补充凭证… (Y)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="159"/>
        <source>Your role may read this conversation but not write in it.</source>
        <translation>您的角色可以查看协商记录，但不能发言。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="190"/>
        <source>Message templates…</source>
        <translation>留言模板…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="282"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="282"/>
        <source>Merchant</source>
        <translation>商家</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="283"/>
        <source>Customer service</source>
        <translation>平台客服</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="293"/>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="296"/>
        <source>waiting to upload</source>
        <translation>待上传</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="298"/>
        <source>not sent: {why}</source>
        <translation>未发送：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="304"/>
        <source>image {n}</source>
        <translation>图片 {n}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="310"/>
        <source>image {n} (downloading…)</source>
        <translation>图片 {n}（下载中…）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="314"/>
        <source>attached image</source>
        <translation>附加的图片</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="323"/>
        <source>No messages yet.</source>
        <translation>暂无消息。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="335"/>
        <source>partial refund {amount}</source>
        <translation>部分退款 {amount}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="336"/>
        <source>a re-issued card</source>
        <translation>补发新卡密</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="339"/>
        <source>Proposal (round {r}): {what}; the buyer answers by {t}.</source>
        <translation>协商方案（第 {r} 轮）：{what}；买家需在 {t} 前答复。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="342"/>
        <source>The buyer accepted your proposal: {what}.</source>
        <translation>买家已同意协商方案：{what}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="344"/>
        <source>declined it</source>
        <translation>拒绝了方案</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="344"/>
        <source>did not answer in time</source>
        <translation>未在规定时间内答复</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="345"/>
        <source>The buyer {why} ({what}): the refund is back in your queue; decide by {t}.</source>
        <translation>买家{why}（{what}）：退款已退回待处理队列，请在 {t} 前处理。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="349"/>
        <source>More time given: {h} h; the deadline is now {t}.</source>
        <translation>已延长 {h} 小时；处理截止时间现为 {t}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="352"/>
        <source>Customer service asks: “{q}” — answer by {t}.</source>
        <translation>平台客服要求：“{q}” —— 请在 {t} 前回复。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="354"/>
        <source>message</source>
        <translation>留言</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="354"/>
        <source>proposal</source>
        <translation>协商方案</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="354"/>
        <source>more time</source>
        <translation>延长处理时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="355"/>
        <source>evidence answer</source>
        <translation>补充凭证</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="358"/>
        <source>Waiting to upload: {what}.</source>
        <translation>待上传：{what}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="404"/>
        <source>Could not save: {why}</source>
        <translation>未能保存：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="420"/>
        <source>The buyer has not answered your last messages: wait for an answer.</source>
        <translation>买家尚未回复您之前的留言，请等待买家回复后再留言。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="421"/>
        <source>The conversation is closed: the refund is finished.</source>
        <translation>售后已结束，协商已关闭。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="422"/>
        <source>The rounds of negotiation are used up: decide the refund.</source>
        <translation>协商轮次已用完，请直接处理该退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="423"/>
        <source>More time cannot be asked for this refund now.</source>
        <translation>该退款目前不能申请延长处理时间。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="424"/>
        <source>This evidence request is no longer open.</source>
        <translation>该补充凭证要求已不能回复。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="425"/>
        <source>This has been done already; it is uploading.</source>
        <translation>此操作已提交，正在上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="448"/>
        <source>Wait until the attached images are ready.</source>
        <translation>请等待附加的图片处理完成。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="661"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="562"/>
        <source>Ask for more time</source>
        <translation>申请延长处理时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="569"/>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="570"/>
        <source>More time</source>
        <translation>延长时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="574"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="578"/>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="591"/>
        <source>The deadline moves from {old} to {new}. More time can be asked once per refund.</source>
        <translation>处理截止时间将从 {old} 延至 {new}。每笔退款只能申请一次延长。</translation>
    </message>
</context>
<context>
    <name>ProposeDialog</name>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="496"/>
        <source>Propose a resolution</source>
        <translation>发起协商</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="500"/>
        <source>Partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="502"/>
        <source>Re-issue the card</source>
        <translation>补发卡密</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="503"/>
        <source>Proposal</source>
        <translation>协商方案</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="508"/>
        <source>Amount (¥)</source>
        <translation>金额（¥）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="509"/>
        <source>Paid {paid}, asked {asked}: a partial refund is less than what was paid.</source>
        <translation>实付 {paid}，申请退款 {asked}；部分退款须少于实付金额。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="518"/>
        <source>Message to the buyer</source>
        <translation>给买家的说明</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="522"/>
        <source>The buyer has {h} h to answer. Accepted: the refund is paid as proposed (or the card re-issued). Declined or unanswered: the refund comes back to your queue with a new deadline.</source>
        <translation>买家有 {h} 小时答复。同意：按方案退款（或补发卡密）。拒绝或逾期未答复：退款回到您的待处理队列，并有新的处理截止时间。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="541"/>
        <source>Wait until the attached images are ready.</source>
        <translation>请等待附加的图片处理完成。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="547"/>
        <source>Type the amount in yuan, e.g. 70 or 70.50.</source>
        <translation>请输入以元为单位的金额，例如 70 或 70.50。</translation>
    </message>
</context>
</TS>
