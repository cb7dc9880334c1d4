<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="608"/>
        <source>Answer the evidence request</source>
        <translation>回复补充凭证要求</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="610"/>
        <source>Customer service asks:</source>
        <translation>平台客服要求：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="617"/>
        <source>Answer by {t}; unanswered, the platform decides without you (usually for the buyer).</source>
        <translation>请在 {t} 前回复；逾期未回复，平台将不再等待商家直接处理（通常判买家胜诉）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="635"/>
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
        <location filename="../../merchant_console/gui/conversation_pane.py" line="120"/>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="656"/>
        <source>Image…</source>
        <translation>图片…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="125"/>
        <source>Write to the buyer… (M; Ctrl+Enter sends)</source>
        <translation>给买家留言…（M；Ctrl+Enter 发送）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="137"/>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="143"/>
        <source>Propose… (O)</source>
        <translation>发起协商… (O)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="146"/>
        <source>Ask for more time… (T)</source>
        <translation>申请延长处理时间… (T)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="149"/>
        <source>Answer the request… (Y)</source>
        <translation>回复补充凭证… (Y)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="160"/>
        <source>Your role may read this conversation but not write in it.</source>
        <translation>您的角色可以查看协商记录，但不能发言。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="191"/>
        <source>Message templates…</source>
        <translation>留言模板…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="287"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="287"/>
        <source>Merchant</source>
        <translation>商家</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="288"/>
        <source>Customer service</source>
        <translation>平台客服</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="298"/>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="301"/>
        <source>waiting to upload</source>
        <translation>待上传</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="303"/>
        <source>not sent: {why}</source>
        <translation>未发送：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="309"/>
        <source>image {n}</source>
        <translation>图片 {n}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="315"/>
        <source>image {n} (downloading…)</source>
        <translation>图片 {n}（下载中…）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="319"/>
        <source>attached image</source>
        <translation>附加的图片</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="328"/>
        <source>No messages yet.</source>
        <translation>暂无消息。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="340"/>
        <source>partial refund {amount}</source>
        <translation>部分退款 {amount}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="341"/>
        <source>a re-issued card</source>
        <translation>补发新卡密</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="344"/>
        <source>Proposal (round {r}): {what}; the buyer answers by {t}.</source>
        <translation>协商方案（第 {r} 轮）：{what}；买家需在 {t} 前答复。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="347"/>
        <source>The buyer accepted your proposal: {what}.</source>
        <translation>买家已同意协商方案：{what}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="349"/>
        <source>declined it</source>
        <translation>拒绝了方案</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="349"/>
        <source>did not answer in time</source>
        <translation>未在规定时间内答复</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="350"/>
        <source>The buyer {why} ({what}): the refund is back in your queue; decide by {t}.</source>
        <translation>买家{why}（{what}）：退款已退回待处理队列，请在 {t} 前处理。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="354"/>
        <source>More time given: {h} h; the deadline is now {t}.</source>
        <translation>已延长 {h} 小时；处理截止时间现为 {t}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="357"/>
        <source>Customer service asks: “{q}” — answer by {t}.</source>
        <translation>平台客服要求：“{q}” —— 请在 {t} 前回复。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="359"/>
        <source>message</source>
        <translation>留言</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="359"/>
        <source>proposal</source>
        <translation>协商方案</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="359"/>
        <source>more time</source>
        <translation>延长处理时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="360"/>
        <source>evidence answer</source>
        <translation>补充凭证</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="363"/>
        <source>Waiting to upload: {what}.</source>
        <translation>待上传：{what}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="409"/>
        <source>Could not save: {why}</source>
        <translation>未能保存：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="425"/>
        <source>The buyer has not answered your last messages: wait for an answer.</source>
        <translation>买家尚未回复您之前的留言，请等待买家回复后再留言。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="426"/>
        <source>The conversation is closed: the refund is finished.</source>
        <translation>售后已结束，协商已关闭。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="427"/>
        <source>The rounds of negotiation are used up: decide the refund.</source>
        <translation>协商轮次已用完，请直接处理该退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="428"/>
        <source>More time cannot be asked for this refund now.</source>
        <translation>该退款目前不能申请延长处理时间。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="429"/>
        <source>This evidence request is no longer open.</source>
        <translation>该补充凭证要求已不能回复。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="430"/>
        <source>This has been done already; it is uploading.</source>
        <translation>此操作已提交，正在上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="453"/>
        <source>Wait until the attached images are ready.</source>
        <translation>请等待附加的图片处理完成。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="666"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="567"/>
        <source>Ask for more time</source>
        <translation>申请延长处理时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="574"/>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="575"/>
        <source>More time</source>
        <translation>延长时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="579"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="583"/>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="596"/>
        <source>The deadline moves from {old} to {new}. More time can be asked once per refund.</source>
        <translation>处理截止时间将从 {old} 延至 {new}。每笔退款只能申请一次延长。</translation>
    </message>
</context>
<context>
    <name>ProposeDialog</name>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="501"/>
        <source>Propose a resolution</source>
        <translation>发起协商</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="505"/>
        <source>Partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="507"/>
        <source>Re-issue the card</source>
        <translation>补发卡密</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="508"/>
        <source>Proposal</source>
        <translation>协商方案</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="513"/>
        <source>Amount (¥)</source>
        <translation>金额（¥）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="514"/>
        <source>Paid {paid}, asked {asked}: a partial refund is less than what was paid.</source>
        <translation>实付 {paid}，申请退款 {asked}；部分退款须少于实付金额。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="523"/>
        <source>Message to the buyer</source>
        <translation>给买家的说明</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="527"/>
        <source>The buyer has {h} h to answer. Accepted: the refund is paid as proposed (or the card re-issued). Declined or unanswered: the refund comes back to your queue with a new deadline.</source>
        <translation>买家有 {h} 小时答复。同意：按方案退款（或补发卡密）。拒绝或逾期未答复：退款回到您的待处理队列，并有新的处理截止时间。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="546"/>
        <source>Wait until the attached images are ready.</source>
        <translation>请等待附加的图片处理完成。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/conversation_pane.py" line="552"/>
        <source>Type the amount in yuan, e.g. 70 or 70.50.</source>
        <translation>请输入以元为单位的金额，例如 70 或 70.50。</translation>
    </message>
</context>
</TS>
