<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AttachmentPicker</name>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="43"/>
        <source>Attach an image</source>
        <translation>附加图片</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="44"/>
        <source>Images (*.png *.jpg *.jpeg *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="52"/>
        <source>At most {n} images can be attached.</source>
        <translation>最多只能附加 {n} 张图片。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="74"/>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="74"/>
        <source>the file is damaged</source>
        <translation>文件已损坏</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="75"/>
        <source>the image is too large</source>
        <translation>图片过大</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="76"/>
        <source>it is not a PNG, JPEG or WebP image</source>
        <translation>它不是 PNG、JPEG 或 WebP 图片</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="77"/>
        <source>it cannot be shrunk under the platform&apos;s limit and stay legible</source>
        <translation>无法在保持清晰的前提下压缩到平台限制以内</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="79"/>
        <source>“{name}” was not attached: {why}.</source>
        <translation>“{name}”未能附加：{why}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="90"/>
        <source>1 image attached ({kb:.0f} KB): {names}</source>
        <translation>已附加1张图片（{kb:.0f} KB）：{names}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="91"/>
        <source>{n} images attached ({kb:.0f} KB): {names}</source>
        <translation>已附加{n}张图片（{kb:.0f} KB）：{names}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="95"/>
        <source>preparing 1 image…</source>
        <translation>正在处理1张图片…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="95"/>
        <source>preparing {n} images…</source>
        <translation>正在处理{n}张图片…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/attachments.py" line="93"/>
        <source>remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="39"/>
        <source>Approve selected refunds</source>
        <translation>批量同意退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="39"/>
        <source>Reject selected refunds</source>
        <translation>批量拒绝退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="42"/>
        <source>Approve 1 refund, {money}:</source>
        <translation>同意 1 个退款，{money}：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="42"/>
        <source>Approve {n} refunds, {money} in total:</source>
        <translation>同意 {n} 个退款，共 {money}：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="44"/>
        <source>Reject 1 refund, {money}:</source>
        <translation>拒绝 1 个退款，{money}：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="44"/>
        <source>Reject {n} refunds, {money} in total:</source>
        <translation>拒绝 {n} 个退款，共 {money}：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="51"/>
        <source>Reason template</source>
        <translation>理由模板</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="56"/>
        <source>Reason template:</source>
        <translation>理由模板：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="60"/>
        <source>Order no</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="60"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="60"/>
        <source>Requested</source>
        <translation>申请金额</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="61"/>
        <source>Watch out</source>
        <translation>注意</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="61"/>
        <source>In this batch</source>
        <translation>本批处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="65"/>
        <source>Refunds in this batch</source>
        <translation>本批退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="72"/>
        <source>approve</source>
        <translation>同意退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="72"/>
        <source>reject</source>
        <translation>拒绝退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="84"/>
        <source>Platform limits per batch: at most {n} refunds and {money}. This batch: {k}, {total}.</source>
        <translation>平台每批上限：最多 {n} 个退款、{money}。本批：{k} 个，{total}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="94"/>
        <source>Over the platform&apos;s limit: select fewer refunds.</source>
        <translation>超出平台上限：请少选几个退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="96"/>
        <source>None of the selected refunds can take this decision now.</source>
        <translation>所选退款目前都不能做此处理。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="100"/>
        <source>{n} of them carry risk signals or a used card: check them first, or take them out of the selection.</source>
        <translation>其中 {n} 个有风险信号或卡密已使用：请先逐一查看，或从所选中去掉。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="106"/>
        <source>Approve {n}</source>
        <translation>同意 {n} 个</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="106"/>
        <source>Reject {n}</source>
        <translation>拒绝 {n} 个</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="120"/>
        <source>skipped: not waiting for your decision</source>
        <translation>跳过：不在等待您处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="121"/>
        <source>skipped: a decision is already uploading</source>
        <translation>跳过：已有处理正在上传</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="122"/>
        <source>skipped: the platform approves it automatically now</source>
        <translation>跳过：平台正在自动同意</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="128"/>
        <source>card used</source>
        <translation>卡密已使用</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/batch_dialog.py" line="131"/>
        <source>flagged by staff</source>
        <translation>店员已标记</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="154"/>
        <source>The console cannot use its database.</source>
        <translation>工作台无法使用它的数据库。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="118"/>
        <source>Check MERCHANT_CONSOLE_URL: {why}</source>
        <translation>请检查 MERCHANT_CONSOLE_URL：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="175"/>
        <source>Cannot open the account of MERCHANT_CONSOLE_URL: {why}</source>
        <translation>无法打开 MERCHANT_CONSOLE_URL 的账户：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="183"/>
        <source>Starting the demo</source>
        <translation>正在启动演示</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="198"/>
        <source>Starting the demo platform: a sample card shop with its refunds…</source>
        <translation>正在启动演示平台：一家带有退款申请的示例卡店……</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="199"/>
        <source>Opening the demo&apos;s local database…</source>
        <translation>正在打开演示的本地数据库……</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="200"/>
        <source>Downloading the sample refunds: {n} so far…</source>
        <translation>正在下载示例退款：已下载 {n} 笔……</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="201"/>
        <source>Demo data is kept in {folder}</source>
        <translation>演示数据保存在 {folder}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="258"/>
        <source>The demo platform could not start: {why}</source>
        <translation>演示平台无法启动：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="154"/>
        <location filename="../../merchant_console/gui/app.py" line="258"/>
        <location filename="../../merchant_console/gui/app.py" line="535"/>
        <source>Merchant Console</source>
        <translation>商家退款工作台</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="361"/>
        <source>Demo data: {folder}</source>
        <translation>演示数据：{folder}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="363"/>
        <source>Clear demo data and start again…</source>
        <translation>清除演示数据并重新开始……</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="370"/>
        <source>Clear demo data</source>
        <translation>清除演示数据</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/app.py" line="370"/>
        <source>This deletes the demo shop&apos;s refunds, your demo decisions and the cached demo images ({size:.0f} MB in {folder}) and starts a fresh demo. Your signed-in accounts are not touched.</source>
        <translation>将删除演示店铺的退款、您在演示中做出的处理和缓存的演示图片（{folder} 中共 {size:.0f} MB），然后重新开始演示。已登录的账号不受影响。</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="197"/>
        <source>Your decision ({action}, {when}) is saved and uploading…</source>
        <translation>您的处理结果（{action}，{when}）已保存，正在上传……</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="200"/>
        <source>Your decision ({action}) was accepted by the platform.</source>
        <translation>平台已受理您的处理结果（{action}）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="202"/>
        <source>Conflict: the platform did not take your decision ({action}) because {what}. Nothing was lost: it stays in your history.</source>
        <translation>冲突：平台未采用您的处理结果（{action}），因为{what}。您的记录仍保留在本机历史中。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="207"/>
        <source>The platform refused your decision ({action}): {why}</source>
        <translation>平台拒绝了您的处理结果（{action}）：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="210"/>
        <source>This refund is not waiting for your decision.</source>
        <translation>该退款当前无需您处理。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="216"/>
        <source>Seen by {name}, {when}.</source>
        <translation>已由{name}于{when}确认知悉。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="251"/>
        <source>the platform had already approved it automatically (fast refund)</source>
        <translation>平台已先行自动同意退款（极速退款）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="253"/>
        <source>platform customer service had already decided it</source>
        <translation>平台客服已先行判定</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="256"/>
        <source>{name} had already decided it ({action})</source>
        <translation>{name} 已先行处理（{action}）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="258"/>
        <source>the refund had changed on the platform</source>
        <translation>该退款在平台上已发生变化</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="261"/>
        <source>approve</source>
        <translation>同意退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="261"/>
        <source>partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="262"/>
        <source>reject</source>
        <translation>拒绝退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="274"/>
        <source>Approve the full refund of {amount}</source>
        <translation>同意全额退款 {amount}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="275"/>
        <source>Approve the refund the buyer asked for, {amount} (of {paid} paid)</source>
        <translation>同意买家申请的退款 {amount}（实付 {paid}）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="277"/>
        <source>Partial refund (paid {amount})</source>
        <translation>部分退款（实付 {amount}）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="278"/>
        <source>Reject the refund of {amount}</source>
        <translation>拒绝退款 {amount}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="292"/>
        <source>Choose a reason…</source>
        <translation>请选择原因……</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="331"/>
        <source>You are offline. This is a fast refund: unless your decision reaches the platform before {when}, the platform approves the refund by itself.</source>
        <translation>当前离线。这是极速退款：您的处理若未在 {when} 前送达平台，平台将自动同意退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="384"/>
        <source>{n} / {max} characters</source>
        <translation>{n} / {max} 字</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="398"/>
        <source>“{text}” is not an amount of money. Type it in yuan, e.g. 70 or 70.50.</source>
        <translation>“{text}”不是有效金额，请以元为单位填写，例如 70 或 70.50。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="406"/>
        <source>Wait until the attached images are ready.</source>
        <translation>请等待附加的图片处理完成。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="239"/>
        <location filename="../../merchant_console/gui/decision_panel.py" line="419"/>
        <source>Could not save: {why}</source>
        <translation>未能保存：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="194"/>
        <source>Your decision ({action}, {when}) is saved; it uploads when the connection is back.</source>
        <translation>您的处理（{action}，{when}）已保存，连接恢复后自动上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="443"/>
        <source>This refund cannot take a decision now: it is no longer waiting for you, or a decision is already uploading.</source>
        <translation>该退款现在无法处理：它已不再等待您处理，或已有处理结果正在上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="455"/>
        <source>A partial refund must be at least ¥0.01 and less than the paid amount ({paid}).</source>
        <translation>部分退款金额须不低于 ¥0.01 且小于实付金额（{paid}）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="458"/>
        <source>Choose a reason.</source>
        <translation>请选择原因。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="461"/>
        <source>The text still says {names}: what it stands for is not known for this refund (how much of the card was used). Write it in, or choose another template.</source>
        <translation>说明中仍有 {names}：这笔退款不知道它代表的数值（卡内已使用多少）。请直接填写，或换一个模板。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="465"/>
        <source>Write a reason for the buyer: {min} to {max} characters.</source>
        <translation>请填写给买家的说明：{min} 至 {max} 字。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/decision_panel.py" line="468"/>
        <source>Attach at most {n} images.</source>
        <translation>最多附 {n} 张图片。</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="20"/>
        <source>Got it  (G)</source>
        <translation>知道了（G）</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="21"/>
        <source>You have seen that the platform did not take this decision: the refund leaves “Uploading / conflicts”. The decision and what the platform did stay in the history.</source>
        <translation>确认您已知道平台没有采纳这个处理：这笔退款将移出“上传中/冲突”。您的处理和平台的结果仍保留在记录里。</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="29"/>
        <source>You are signed in as shop staff (viewer): you can look at refunds and evidence, but only operators and managers can decide.</source>
        <translation>您以店员（查看者）身份登录：可以查看退款和凭证，只有操作员和店长可以处理退款。</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="34"/>
        <source>Approve  (A)</source>
        <translation>同意（A）</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="35"/>
        <source>Partial  (P)</source>
        <translation>部分退款（P）</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="36"/>
        <source>Reject  (R)</source>
        <translation>拒绝（R）</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="44"/>
        <source>Amount (¥)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="45"/>
        <source>Refund amount in yuan</source>
        <translation>退款金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="46"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="47"/>
        <source>Reason code</source>
        <translation>原因代码</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="48"/>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="49"/>
        <source>Reason templates</source>
        <translation>原因模板</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="50"/>
        <source>Text for the buyer</source>
        <translation>给买家的说明</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="51"/>
        <source>Reason text for the buyer</source>
        <translation>给买家的原因说明</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="53"/>
        <source>Attach image…</source>
        <translation>附加图片……</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="59"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/decision_panel.ui" line="60"/>
        <source>Save decision</source>
        <translation>保存处理结果</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="120"/>
        <source>Conversation</source>
        <translation>协商</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="50"/>
        <source>Select a refund to see its order, evidence and history.</source>
        <translation>选择一条退款，查看订单、凭证和处理记录。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="90"/>
        <source>Timeline</source>
        <translation>进度记录</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="95"/>
        <source>Evidence</source>
        <translation>凭证</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="113"/>
        <source>Risk signals</source>
        <translation>风险提示</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="137"/>
        <source>Decision</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="147"/>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="415"/>
        <source>Order no</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="416"/>
        <source>Refund id</source>
        <translation>退款编号</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="417"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="418"/>
        <source>Face value</source>
        <translation>面值</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="419"/>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="420"/>
        <source>Requested</source>
        <translation>申请退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="421"/>
        <source>Delivered</source>
        <translation>发货时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="424"/>
        <source>(used {used}, {left} left)</source>
        <translation>（已用 {used}，剩余 {left}）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="427"/>
        <source>Card</source>
        <translation>卡密状态</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="434"/>
        <source>outside the refund window</source>
        <translation>超出退款时限</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="435"/>
        <source>Refund window</source>
        <translation>退款时限</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="436"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="439"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="432"/>
        <source>asked {after} after delivery (window {w} min)</source>
        <translation>发货{after}后申请（时限{w}分钟）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="139"/>
        <source>Answer the appeal… (S)</source>
        <translation>回应申诉…（S）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="436"/>
        <source>{type}: {reason}</source>
        <translation>{type}：{reason}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="439"/>
        <source>{nick} ({id}): {refunds} / {orders} in 90 days</source>
        <translation>{nick}（{id}）：近90天{refunds}，{orders}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="441"/>
        <source>1 refund</source>
        <translation>1次退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="441"/>
        <source>{n} refunds</source>
        <translation>{n}次退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="442"/>
        <source>1 order</source>
        <translation>1个订单</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="442"/>
        <source>{n} orders</source>
        <translation>{n}个订单</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="445"/>
        <source>Earlier attempt</source>
        <translation>此前申请</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="446"/>
        <source>Submitted</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="447"/>
        <source>Respond by</source>
        <translation>处理截止</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="452"/>
        <source>Fast refund</source>
        <translation>极速退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="381"/>
        <source>approved automatically at {when} unless you decide first</source>
        <translation>若您未先处理，将于 {when} 自动同意</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="379"/>
        <source>due to be approved automatically at {when}: that time has passed, so the platform has most likely approved it (the next sync says)</source>
        <translation>原定{when}自动同意：该时间已过，平台很可能已自动同意（以下次同步为准）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="454"/>
        <source>Urged</source>
        <translation>已催办</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="454"/>
        <source>{when}; the platform steps in at {esc}</source>
        <translation>{when}；平台将于 {esc} 介入</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="460"/>
        <source>processing</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="460"/>
        <source>paid</source>
        <translation>已到账</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="460"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="464"/>
        <source>expected in {eta} (by {when})</source>
        <translation>预计 {eta} 到账（约 {when} 前）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="468"/>
        <source>Payout</source>
        <translation>打款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="470"/>
        <source>staff</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="471"/>
        <source>the platform (automatic fast refund)</source>
        <translation>平台（极速退款自动同意）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="472"/>
        <source>platform customer service</source>
        <translation>平台客服</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="473"/>
        <source>approved</source>
        <translation>同意退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="473"/>
        <source>partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="474"/>
        <source>rejected</source>
        <translation>拒绝退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="476"/>
        <source>{action} by {by}, {when}</source>
        <translation>{by}于 {when} {action}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="482"/>
        <source>Decided</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="485"/>
        <source>appealed {when}: {reason}</source>
        <translation>{when} 申诉：{reason}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="488"/>
        <source>your statement: {text}</source>
        <translation>您的说明：{text}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="490"/>
        <source>statement due {when}</source>
        <translation>申诉说明截止 {when}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="491"/>
        <source>Appeal</source>
        <translation>申诉</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="504"/>
        <source>1 image: {kinds}. Double-click to open the viewer.</source>
        <translation>共1张图片：{kinds}。双击打开查看器。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="505"/>
        <source>{n} images: {kinds}. Double-click to open the viewer.</source>
        <translation>共{n}张图片：{kinds}。双击打开查看器。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="523"/>
        <source>image {n}</source>
        <translation>图{n}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="529"/>
        <source>Found “{term}” in the screenshot text:</source>
        <translation>截图文字中找到“{term}”：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="528"/>
        <source>and {n} more</source>
        <translation>等另外{n}处</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="565"/>
        <source>the same picture as in 1 other refund (re-saved, resized or cropped — compare before deciding):</source>
        <translation>与另外1笔退款中的图片是同一张（可能经过另存、缩放或裁剪；决定前请先对比）：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="567"/>
        <source>the same picture as in {n} other refunds (re-saved, resized or cropped — compare before deciding). Closest:</source>
        <translation>与另外{n}笔退款中的图片是同一张（可能经过另存、缩放或裁剪；决定前请先对比）。最接近的：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="507"/>
        <source>The buyer attached no evidence.</source>
        <translation>买家未上传凭证。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="548"/>
        <source>Still reading the text in 1 image: what it shows may add to this list.</source>
        <translation>仍在识别 1 张图片中的文字：识别结果可能会补充到此列表。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="549"/>
        <source>Still reading the text in {n} images: what they show may add to this list.</source>
        <translation>仍在识别 {n} 张图片中的文字：识别结果可能会补充到此列表。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="552"/>
        <source>Open the other refund</source>
        <translation>打开另一笔退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="576"/>
        <source>Flagged by {name}</source>
        <translation>{name} 标记</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="579"/>
        <source>Nothing unusual found so far.</source>
        <translation>目前未发现异常。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/detail_pane.py" line="580"/>
        <source>Nothing unusual found.</source>
        <translation>未发现异常。</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="46"/>
        <source>Suggested: the unused value at the price paid: {paid} paid × ({face} face value − {used} used) ÷ {face} = {share}.</source>
        <translation>建议金额：按实付价格折算未使用部分——实付{paid} ×（面值{face} − 已用{used}）÷ 面值{face} = {share}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="52"/>
        <source>The buyer asked for less ({requested}), so that is suggested.</source>
        <translation>买家申请的金额更少（{requested}），因此建议按申请金额退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="57"/>
        <source>Nothing has been used on the card: the full requested amount, {requested}.</source>
        <translation>卡内未使用：建议退还买家申请的全部金额{requested}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="60"/>
        <source>The card was never delivered: the full requested amount, {requested}.</source>
        <translation>卡密未发货：建议退还买家申请的全部金额{requested}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="63"/>
        <source>That is everything the buyer paid, which a partial refund cannot be: approve in full instead.</source>
        <translation>这已是买家实付的全部金额，部分退款不能等于实付金额，请改为同意全额退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="67"/>
        <source>The card&apos;s whole value ({face}) has been used: nothing is left to refund by value. Type an amount agreed with the buyer.</source>
        <translation>卡内面值（{face}）已全部使用，没有剩余价值可退。请填写与买家协商的金额。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="70"/>
        <source>The card has been activated, so its value is used: type an amount agreed with the buyer.</source>
        <translation>卡密已激活，面值已被使用：请填写与买家协商的金额。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="72"/>
        <source>How much of the card was used is not known: type the amount to refund.</source>
        <translation>不清楚卡内已使用多少：请填写退款金额。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="82"/>
        <source>{d} d {h} h</source>
        <translation>{d}天{h}小时</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="84"/>
        <source>{d} d</source>
        <translation>{d}天</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="86"/>
        <source>{h} h {m} min</source>
        <translation>{h}小时{m}分钟</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="88"/>
        <source>{h} h</source>
        <translation>{h}小时</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/formatting.py" line="89"/>
        <source>{m} min</source>
        <translation>{m}分钟</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="180"/>
        <source>Evidence requested</source>
        <translation>待补充凭证</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="179"/>
        <source>Buyer awaits reply</source>
        <translation>待回复买家</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="179"/>
        <source>Negotiating</source>
        <translation>协商中</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="507"/>
        <source>Saved; uploading in the background.</source>
        <translation>已保存，正在后台上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="251"/>
        <source>Records the console could not use…</source>
        <translation>无法处理的记录…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="175"/>
        <source>Needs decision</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="175"/>
        <source>Due within 2 h</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="176"/>
        <source>Urged</source>
        <translation>已催办</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="176"/>
        <source>Fast refund</source>
        <translation>极速退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="177"/>
        <source>Platform review</source>
        <translation>平台介入</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="177"/>
        <source>Appeals</source>
        <translation>申诉中</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="178"/>
        <source>Uploading / conflicts</source>
        <translation>上传中/冲突</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="178"/>
        <source>Decided</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="178"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_room.py" line="83"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_room.py" line="84"/>
        <source>All products</source>
        <translation>全部商品</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_room.py" line="85"/>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_room.py" line="89"/>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_room.py" line="90"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_room.py" line="91"/>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_room.py" line="92"/>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="313"/>
        <source>owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="313"/>
        <source>manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="313"/>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="314"/>
        <source>viewer</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="6"/>
        <source>Merchant Console</source>
        <translation>商家退款工作台</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="317"/>
        <source> (demo)</source>
        <translation>（演示）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_room.py" line="127"/>
        <source>“{t}” is not an amount; filter ignored.</source>
        <translation>“{t}”不是有效金额，已忽略该筛选。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_room.py" line="183"/>
        <source>Could not load the queue: {e}</source>
        <translation>无法加载列表：{e}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="364"/>
        <source>The refund you had open is not in this list any more.</source>
        <translation>您打开的退款已不在此列表中。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="388"/>
        <source>1 refund in All matches: &lt;a href=&quot;all&quot;&gt;show it in All&lt;/a&gt; ({key}).</source>
        <translation>“全部”中有 1 个退款符合：&lt;a href=&quot;all&quot;&gt;在“全部”中查看&lt;/a&gt;（{key}）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="389"/>
        <source>{n} refunds in All match: &lt;a href=&quot;all&quot;&gt;show them in All&lt;/a&gt; ({key}).</source>
        <translation>“全部”中有 {n} 个退款符合：&lt;a href=&quot;all&quot;&gt;在“全部”中查看&lt;/a&gt;（{key}）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="401"/>
        <source>not yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="403"/>
        <source>No refund matches the search and filters. Clear them to see the whole queue.</source>
        <translation>没有符合搜索和筛选条件的退款。清除条件即可查看全部。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="404"/>
        <source>Nothing needs your decision right now.</source>
        <translation>目前没有需要您处理的退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="405"/>
        <source>No refund is due within the next 2 hours.</source>
        <translation>未来 2 小时内没有即将超时的退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="406"/>
        <source>No buyer has urged a refund.</source>
        <translation>没有买家催办。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="407"/>
        <source>No fast refund is counting down to auto-approval.</source>
        <translation>没有正在倒计时自动同意的极速退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="408"/>
        <source>No refund is under platform review.</source>
        <translation>没有平台介入中的退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="409"/>
        <source>No appeal is waiting.</source>
        <translation>没有待处理的申诉。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="410"/>
        <source>Every decision is uploaded and there are no conflicts.</source>
        <translation>所有处理结果均已上传，没有冲突。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="411"/>
        <source>No decided refunds yet.</source>
        <translation>暂无已处理的退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="411"/>
        <source>No refunds synced yet.</source>
        <translation>尚未同步到退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="412"/>
        <source>Last sync: {when}</source>
        <translation>上次同步：{when}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="418"/>
        <source>Outbox: {n}</source>
        <translation>待上传：{n}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="418"/>
        <source>Outbox: empty</source>
        <translation>待上传：无</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="465"/>
        <source>{n} selected</source>
        <translation>已选 {n} 条</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="484"/>
        <source>Decision saved; it uploads when the connection is back.</source>
        <translation>处理结果已保存，连接恢复后自动上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="485"/>
        <source>Decision saved; uploading in the background.</source>
        <translation>处理结果已保存，正在后台上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="495"/>
        <source>Conflict put away; the decision and what the platform did stay in the refund&apos;s history.</source>
        <translation>冲突已确认；您的处理和平台的结果仍保留在这笔退款的记录里。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="523"/>
        <source>Could not save: {why}</source>
        <translation>未能保存：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="523"/>
        <source>Could not load: {why}</source>
        <translation>未能读取：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="552"/>
        <source>1 refund due within the hour</source>
        <translation>1条退款将在一小时内到期</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="553"/>
        <source>{n} refunds due within the hour</source>
        <translation>{n}条退款将在一小时内到期</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="556"/>
        <source>Syncing… 1 refund received</source>
        <translation>正在同步…已收到1条退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="557"/>
        <source>Syncing… {n} refunds received</source>
        <translation>正在同步……已收到 {n} 条退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="580"/>
        <source>View only: you can read refunds and evidence and flag images; you cannot decide.</source>
        <translation>只读：可以查看退款和凭证、标记图片，不能处理退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="582"/>
        <source>You can keep deciding: decisions are kept and upload when the connection is back.</source>
        <translation>您可以继续处理：处理结果保存在本机，连接恢复后自动上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="592"/>
        <source>Platform maintenance: {m}</source>
        <translation>平台维护：{m}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="596"/>
        <source>Cannot reach the platform; retrying.</source>
        <translation>无法连接平台，正在重试。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="603"/>
        <source>Connecting to the platform…</source>
        <translation>正在连接平台…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="609"/>
        <source>Online · last sync {when}</source>
        <translation>在线 · 上次同步 {when}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="610"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="605"/>
        <location filename="../../merchant_console/gui/main_window.py" line="614"/>
        <source>last sync {when}</source>
        <translation>上次同步 {when}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="625"/>
        <source>Details: {d}</source>
        <translation>详情：{d}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="652"/>
        <location filename="../../merchant_console/gui/main_window.py" line="1000"/>
        <source>Select one refund in the list first.</source>
        <translation>请先在列表中选中一个退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="715"/>
        <source>Batch: 1 approved ({money}), uploading.</source>
        <translation>批量处理：已同意 1 个（{money}），正在上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="716"/>
        <source>Batch: {n} approved ({money}), uploading.</source>
        <translation>批量处理：已同意 {n} 个（{money}），正在上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="718"/>
        <source>Batch: {n} rejected, uploading.</source>
        <translation>批量处理：已拒绝 {n} 个，正在上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="824"/>
        <source>Conversation with the buyer</source>
        <translation>与买家协商</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="825"/>
        <source>write to the buyer</source>
        <translation>给买家写消息</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="826"/>
        <source>propose a partial refund or a re-issued card</source>
        <translation>提出部分退款或补发卡密</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="827"/>
        <source>ask the platform for more time</source>
        <translation>向平台申请延长处理时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="828"/>
        <source>answer customer service&apos;s evidence request</source>
        <translation>回复客服的补充凭证要求</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="829"/>
        <source>send (in the message box)</source>
        <translation>发送（在消息框中）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="998"/>
        <source>Your role can view refunds but not decide them.</source>
        <translation>您的角色只能查看退款，不能处理。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="1002"/>
        <source>This refund is not waiting for your decision.</source>
        <translation>该退款当前无需您处理。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="1004"/>
        <source>A decision on this refund is already uploading.</source>
        <translation>这笔退款已有一个处理结果正在上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="717"/>
        <source>Batch: 1 rejected, uploading.</source>
        <translation>批量处理：已拒绝 1 个，正在上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="720"/>
        <source>Not decided: {list}</source>
        <translation>未处理：{list}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="742"/>
        <source>the template&apos;s text does not fit the platform&apos;s rules</source>
        <translation>模板文字不符合平台规则</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="744"/>
        <source>it changed meanwhile and is no longer waiting for you</source>
        <translation>期间已有变化，不再等待您处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="594"/>
        <source>The platform no longer accepts your token. Sign out and sign in again.</source>
        <translation>平台已不再接受您的令牌，请退出后重新登录。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="197"/>
        <source>Show the queue “{q}”</source>
        <translation>显示队列“{q}”</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="599"/>
        <source>This computer&apos;s clock is {m} minutes off the platform&apos;s. Countdowns use the platform&apos;s time; fix the clock to avoid confusion.</source>
        <translation>本机时钟与平台相差 {m} 分钟。倒计时以平台时间为准；请校准本机时钟以免混淆。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="666"/>
        <source>This refund has no images: neither evidence nor images in its conversation.</source>
        <translation>此退款没有图片：既没有凭证，对话中也没有图片。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="702"/>
        <source>Create a reject template with a reason first (Tools → Reason templates).</source>
        <translation>请先创建带原因的拒绝模板（工具 → 原因模板）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="756"/>
        <source>Select an appealed refund to answer it.</source>
        <translation>请选择一条申诉中的退款再作答。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="815"/>
        <source>Queue and refund</source>
        <translation>队列与退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="816"/>
        <source>Search box</source>
        <translation>搜索框</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="816"/>
        <source>Enter / Down</source>
        <translation>Enter / ↓</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="816"/>
        <source>go to the results (the first is selected)</source>
        <translation>进入结果（选中第一条）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="817"/>
        <source>clear the search; again: back to the queue</source>
        <translation>清空搜索；再按一次：回到列表</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="818"/>
        <source>Deciding</source>
        <translation>处理退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="818"/>
        <source>1–9</source>
        <translation>1–9</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="818"/>
        <source>use reason template 1–9</source>
        <translation>使用第 1–9 个理由模板</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="819"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="819"/>
        <source>save (on Save or in the amount field)</source>
        <translation>保存（焦点在“保存”或金额框时）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="820"/>
        <location filename="../../merchant_console/gui/main_window.py" line="829"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="820"/>
        <source>save from anywhere in the decision</source>
        <translation>在处理区任意位置保存</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="817"/>
        <location filename="../../merchant_console/gui/main_window.py" line="821"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="821"/>
        <source>cancel the decision</source>
        <translation>取消处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="822"/>
        <source>Evidence viewer</source>
        <translation>凭证查看器</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="841"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="885"/>
        <source>About Merchant Console</source>
        <translation>关于商家退款工作台</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="886"/>
        <source>Merchant Console {v}
Data folder: {folder}</source>
        <translation>商家退款工作台 {v}
数据文件夹：{folder}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="888"/>
        <source>Copy diagnostics</source>
        <translation>复制诊断信息</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="894"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/main_window.py" line="895"/>
        <source>Sign out of this platform? Decisions not yet uploaded stay on this computer and upload when you sign in again.</source>
        <translation>要退出该平台吗？尚未上传的处理结果会保留在本机，重新登录后继续上传。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="19"/>
        <source>Connection</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="30"/>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="37"/>
        <source>Search order no, refund id, product, buyer…</source>
        <translation>搜索订单号、退款编号、商品、买家……</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="39"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="44"/>
        <source>Refund type</source>
        <translation>退款类型</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="45"/>
        <source>Product category</source>
        <translation>商品类别</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="46"/>
        <source>Payment channel</source>
        <translation>支付渠道</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="47"/>
        <source>Submitted</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="51"/>
        <source>Min ¥</source>
        <translation>最低 ¥</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="52"/>
        <source>Minimum paid amount</source>
        <translation>最低实付金额</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="58"/>
        <source>Max ¥</source>
        <translation>最高 ¥</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="59"/>
        <source>Maximum paid amount</source>
        <translation>最高实付金额</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="77"/>
        <source>Refunds</source>
        <translation>退款列表</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="91"/>
        <source>Approve selected…</source>
        <translation>批量同意……</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="92"/>
        <source>Reject selected…</source>
        <translation>批量拒绝……</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="100"/>
        <source>Batch result</source>
        <translation>批量处理结果</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="121"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="129"/>
        <source>&amp;Refund</source>
        <translation>退款(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="142"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="147"/>
        <source>&amp;Demo</source>
        <translation>演示(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="153"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="164"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="164"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="165"/>
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)……</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="166"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="167"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="167"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="168"/>
        <source>&amp;Approve</source>
        <translation>同意退款(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="168"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="169"/>
        <source>&amp;Partial refund…</source>
        <translation>部分退款(&amp;P)……</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="169"/>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="170"/>
        <source>&amp;Reject…</source>
        <translation>拒绝退款(&amp;R)……</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="170"/>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="171"/>
        <source>Answer &amp;appeal…</source>
        <translation>答复申诉(&amp;A)……</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="171"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="172"/>
        <source>&amp;Got it: put the conflict away</source>
        <translation>知道了，移出冲突(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="172"/>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="173"/>
        <source>Open &amp;evidence</source>
        <translation>打开凭证(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="173"/>
        <source>E</source>
        <translation>E</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="174"/>
        <source>&amp;Next refund</source>
        <translation>下一条(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="174"/>
        <source>J</source>
        <translation>J</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="175"/>
        <source>Pre&amp;vious refund</source>
        <translation>上一条(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="175"/>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="176"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)……</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="176"/>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="177"/>
        <source>Reason &amp;templates…</source>
        <translation>原因模板(&amp;T)……</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="178"/>
        <source>&amp;Reports…</source>
        <translation>报表(&amp;R)……</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="179"/>
        <source>Act as &amp;operator</source>
        <translation>以操作员身份(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="180"/>
        <source>Act as &amp;viewer (shop staff)</source>
        <translation>以店员（查看者）身份(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="181"/>
        <source>Act as &amp;manager</source>
        <translation>以店长身份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="182"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="182"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="183"/>
        <source>&amp;About Merchant Console</source>
        <translation>关于商家退款工作台(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="174"/>
        <source>A buyer wrote to you</source>
        <translation>买家给您留言了</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="175"/>
        <source>A buyer answered your proposal</source>
        <translation>买家已答复协商方案</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="176"/>
        <source>Customer service asks for evidence</source>
        <translation>平台客服要求补充凭证</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="178"/>
        <source>{order} · {product} — {when}</source>
        <translation>{order} · {product} — {when}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="179"/>
        <source>{order} · {product} — see what the buyer decided</source>
        <translation>{order} · {product} — 查看买家的答复</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="180"/>
        <source>{order} · {product} — answer by {when}</source>
        <translation>{order} · {product} — 请在 {when} 前回复</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="147"/>
        <source>1 refund due within the hour</source>
        <translation>1条退款将在一小时内到期</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="148"/>
        <source>{n} refunds due within the hour</source>
        <translation>{n}条退款将在一小时内到期</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="169"/>
        <source>1 hour left to respond</source>
        <translation>距处理截止还剩 1 小时</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="170"/>
        <source>15 minutes left to respond</source>
        <translation>距处理截止还剩 15 分钟</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="171"/>
        <source>Fast refund approves itself in 5 minutes</source>
        <translation>极速退款将在 5 分钟后自动同意</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="172"/>
        <source>A buyer urged a refund</source>
        <translation>买家催办了退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="173"/>
        <source>An appeal needs your statement</source>
        <translation>有申诉需要您提交说明</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="177"/>
        <source>{order} · {product} — statement due {when}</source>
        <translation>{order} · {product} — 说明截止 {when}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="181"/>
        <source>{order} · {product} — the platform steps in unless you respond</source>
        <translation>{order} · {product} — 若不处理，平台将介入</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/notifier.py" line="182"/>
        <source>{order} · {product} — by {when}</source>
        <translation>{order} · {product} — 截止 {when}</translation>
    </message>
</context>
<context>
    <name>ProgressNodes</name>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="23"/>
        <source>Refund progress</source>
        <translation>退款进度</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="27"/>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="37"/>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="49"/>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="52"/>
        <source>Submitted</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="27"/>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="49"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="27"/>
        <source>Refunding</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="27"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="31"/>
        <source>Platform review</source>
        <translation>平台介入</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="44"/>
        <source>Payout failed</source>
        <translation>打款失败</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="47"/>
        <source>Appeal window</source>
        <translation>可申诉期</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="47"/>
        <source>Appealed</source>
        <translation>申诉中</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="48"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="49"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/progress_nodes.py" line="52"/>
        <source>Cancelled by buyer</source>
        <translation>买家已撤销</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <location filename="../../ui/quarantine_dialog.ui" line="6"/>
        <source>Records the console could not use</source>
        <translation>无法处理的记录</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.ui" line="8"/>
        <source>The platform sent these refunds in a form the console cannot act on safely (an id that could change a web address, a wrong amount or time). They are kept as received and leave this list when the platform sends a usable version. If one is still awaiting your answer, answer it on the platform&apos;s website before its deadline.</source>
        <translation>平台发来的以下退款数据有问题（单号可能篡改网址，或金额、时间有误），工作台无法安全处理。数据按原样保存，平台发来可用的版本后会自动移出此列表。如果其中有仍待处理的退款，请在截止时间前到平台网站上处理。</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.ui" line="9"/>
        <source>Quarantined records</source>
        <translation>已隔离的记录</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.ui" line="10"/>
        <source>These refunds are in the queue, but some of their text had to be cleaned to be shown safely (hidden or direction-changing characters made visible, overlong text shortened). Check them on the platform if the text matters to your decision.</source>
        <translation>以下退款已在列表中，但部分文字经过清理才能安全显示（隐藏字符或改变文字方向的字符已显示出来，过长的文字已截短）。如果这些文字影响您的判断，请到平台上核对。</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.ui" line="11"/>
        <source>Refunds with cleaned text</source>
        <translation>文字经过清理的退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="39"/>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="45"/>
        <source>Refund</source>
        <translation>退款单</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="39"/>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="45"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="39"/>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="39"/>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="45"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="39"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="40"/>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="45"/>
        <source>Next deadline</source>
        <translation>下一截止时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="46"/>
        <source>Cleaned fields</source>
        <translation>清理过的字段</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/quarantine_dialog.py" line="51"/>
        <source>No records are quarantined: every refund the platform sent can be shown and answered here.</source>
        <translation>没有被隔离的记录：平台发来的退款都能在这里显示和处理。</translation>
    </message>
</context>
<context>
    <name>RefundTableModel</name>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="469"/>
        <source>Most urgent first: fast refunds the platform is about to approve on its own, then the nearest deadline each Countdown shows (overdue ones first).</source>
        <translation>最紧急的在前：平台即将自动同意的极速退款优先，其次按倒计时所示的最近期限排列（已超时的在前）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="475"/>
        <source>Countdown</source>
        <translation>倒计时</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="475"/>
        <source>Order no</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="475"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="475"/>
        <location filename="../../merchant_console/gui/queue_model.py" line="614"/>
        <source>Paid / requested</source>
        <translation>实付 / 申请退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="476"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="476"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="476"/>
        <source>Submitted</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="476"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="476"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="594"/>
        <source>Awaiting</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="624"/>
        <source>image {n}</source>
        <translation>图{n}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="628"/>
        <source>matched in screenshot text ({where})</source>
        <translation>截图文字匹配（{where}）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="629"/>
        <source>and {n} more</source>
        <translation>等另外{n}处</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="633"/>
        <source>your decision is uploading</source>
        <translation>您的处理正在上传</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="634"/>
        <source>conflict: the platform did not take your decision</source>
        <translation>冲突：平台未采用您的处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="635"/>
        <source>the platform refused your decision</source>
        <translation>平台拒收了您的处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="641"/>
        <source>the buyer waits for your reply: 1 message</source>
        <translation>买家在等您回复：1 条消息</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="642"/>
        <source>the buyer waits for your reply: {n} messages</source>
        <translation>买家在等您回复：{n} 条消息</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="644"/>
        <source>the buyer urged</source>
        <translation>买家已催办</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="646"/>
        <source>fast refund: approved automatically unless you decide</source>
        <translation>极速退款：您不处理则自动同意</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="648"/>
        <source>images attached: {n}</source>
        <translation>附图 {n} 张</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="650"/>
        <source>the card was used</source>
        <translation>卡密已使用</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="653"/>
        <source>flagged by shop staff</source>
        <translation>店员已标记</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="660"/>
        <source>Refunds / orders in the last 90 days: {r} / {o}</source>
        <translation>近 90 天退款 / 订单：{r} / {o}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="666"/>
        <source>Response deadline</source>
        <translation>商家处理截止</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="667"/>
        <source>Fast refund: approved automatically</source>
        <translation>极速退款：届时系统自动同意</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="668"/>
        <source>Buyer urged: platform steps in</source>
        <translation>买家已催办：届时平台介入</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/queue_model.py" line="669"/>
        <source>Appeal statement due</source>
        <translation>申诉说明截止</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../merchant_console/gui/refusals.py" line="11"/>
        <source>This refund changed while you were looking at it: nothing was saved. Check it again, then decide.</source>
        <translation>这笔退款在您查看时有了变化，没有保存任何内容。请重新查看后再处理。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/refusals.py" line="14"/>
        <source>This refund is no longer waiting for your decision: nothing was saved.</source>
        <translation>这笔退款已不再等待您处理，没有保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/refusals.py" line="16"/>
        <source>A decision on this refund is already uploading.</source>
        <translation>这笔退款已有一个处理结果正在上传。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/refusals.py" line="18"/>
        <source>This refund is not in this computer&apos;s data (any more).</source>
        <translation>这台电脑的数据里没有（或已不再有）这笔退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/refusals.py" line="20"/>
        <source>This account has not synced with its platform yet: wait for the first sync.</source>
        <translation>此账户尚未与平台同步，请等待首次同步完成。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/refusals.py" line="22"/>
        <source>Your role may view refunds but not decide them.</source>
        <translation>您的角色可以查看退款，但不能处理退款。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/refusals.py" line="24"/>
        <source>There is no conflict to put away on this refund (any more).</source>
        <translation>这笔退款（已经）没有需要确认的冲突。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../merchant_console/gui/settings_dialog.py" line="17"/>
        <location filename="../../merchant_console/gui/settings_dialog.py" line="19"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/settings_dialog.py" line="19"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/settings_dialog.py" line="20"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="6"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="10"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="12"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="14"/>
        <source>Renew the live connection every</source>
        <translation>实时连接刷新间隔</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="14"/>
        <location filename="../../ui/settings_dialog.ui" line="15"/>
        <source>New refunds and changes arrive as soon as the platform has them. The console keeps one request open to the platform and renews it this often; a shorter time notices a lost connection sooner.</source>
        <translation>平台一有新的退款或变化就会立即送达。工作台与平台保持一个连接，并按此间隔刷新；间隔越短，越早发现连接中断。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="15"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="15"/>
        <source>Renew the live connection every (seconds)</source>
        <translation>实时连接刷新间隔（秒）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="16"/>
        <source>Notify me</source>
        <translation>通知我</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="19"/>
        <source>in the last hour</source>
        <translation>最后 1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="20"/>
        <source>in the last 15 minutes</source>
        <translation>最后 15 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="21"/>
        <source>5 minutes before a fast refund approves itself</source>
        <translation>极速退款自动同意前 5 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="22"/>
        <source>when a buyer urges</source>
        <translation>买家催办时</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="23"/>
        <source>when an appeal needs a statement</source>
        <translation>申诉需要说明时</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="28"/>
        <source>A new language applies the next time the console starts.</source>
        <translation>新的语言将在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="35"/>
        <source>New account…</source>
        <translation>新账号……</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="49"/>
        <source>Sign in for this session</source>
        <translation>仅本次登录</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="55"/>
        <source>Kept in the system keychain — leave empty to reuse it</source>
        <translation>已保存在系统钥匙串中 — 留空即可继续使用</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="57"/>
        <location filename="../../ui/sign_in.ui" line="16"/>
        <source>From the platform&apos;s merchant back office</source>
        <translation>在平台商家后台获取</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="75"/>
        <source>Check the platform URL: {why}</source>
        <translation>请检查平台地址：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="78"/>
        <source>Paste the token from the platform&apos;s merchant back office.</source>
        <translation>请粘贴在平台商家后台获取的令牌。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="80"/>
        <source>Checking the token with the platform…</source>
        <translation>正在向平台验证令牌……</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="91"/>
        <source>Sign-in failed: {why}</source>
        <translation>登录失败：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="96"/>
        <source>The platform did not accept this token. Copy it again from the merchant back office; it may have expired.</source>
        <translation>平台不接受该令牌。请从商家后台重新复制，它可能已过期。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="100"/>
        <source>Cannot reach the platform ({why}). Check the URL and your network.</source>
        <translation>无法连接平台（{why}）。请检查地址和网络。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="104"/>
        <source>The platform refused: {why}</source>
        <translation>平台拒绝：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="110"/>
        <source>The platform&apos;s answer about your account is malformed.</source>
        <translation>平台返回的账号信息格式有误。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="118"/>
        <source>The system keychain refused to keep the token ({why}). Press “Sign in for this session” to use it until you close the console.</source>
        <translation>系统钥匙串拒绝保存令牌（{why}）。点击“仅本次登录”即可在关闭工作台之前使用该令牌。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="6"/>
        <source>Sign in — Merchant Console</source>
        <translation>登录 — 商家退款工作台</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="8"/>
        <source>Sign in to your card platform to handle refund requests, or try the demo with realistic sample data.</source>
        <translation>登录您的卡盟平台处理买家退款申请，或使用逼真的示例数据体验演示。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="11"/>
        <source>Saved account</source>
        <translation>已保存的账号</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="13"/>
        <source>Platform URL</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="14"/>
        <source>https://platform.example</source>
        <translation>https://platform.example</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="15"/>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="19"/>
        <source>This computer has no system keychain, so the console cannot keep your token safely between sessions. You can sign in for this session only: the token stays in memory and you paste it again next time. (On Linux, GNOME Keyring or KWallet provide a keychain.)</source>
        <translation>这台电脑没有系统钥匙串，工作台无法安全地保存您的令牌。您可以仅本次登录：令牌只保存在内存中，下次需要重新粘贴。（在 Linux 上，可安装 GNOME Keyring 或 KWallet 作为钥匙串。）</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="24"/>
        <source>Try the demo</source>
        <translation>体验演示</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="26"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/sign_in.py" line="49"/>
        <location filename="../../ui/sign_in.ui" line="27"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <location filename="../../merchant_console/gui/statement_dialog.py" line="50"/>
        <source>The buyer appealed on {when}: {reason}</source>
        <translation>买家于 {when} 申诉：{reason}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/statement_dialog.py" line="53"/>
        <source>{d} left</source>
        <translation>还剩 {d}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/statement_dialog.py" line="54"/>
        <source>overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/statement_dialog.py" line="55"/>
        <source>Statement due {when} ({left}). You can send one statement.</source>
        <translation>申诉说明截止 {when}（{left}）。只能提交一次说明。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/statement_dialog.py" line="36"/>
        <source>Send statement</source>
        <translation>提交说明</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/statement_dialog.py" line="74"/>
        <source>Could not save: {why}</source>
        <translation>未能保存：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/statement_dialog.py" line="80"/>
        <source>Write {min} to {max} characters for the platform.</source>
        <translation>请向平台填写 {min} 至 {max} 字的说明。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/statement_dialog.py" line="61"/>
        <source>Wait until the attached images are ready.</source>
        <translation>请等待附加的图片处理完成。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/statement_dialog.py" line="83"/>
        <source>This appeal can no longer be answered: its deadline has passed or a statement was already sent.</source>
        <translation>该申诉已无法答复：已过截止时间，或说明已提交。</translation>
    </message>
    <message>
        <location filename="../../ui/statement_dialog.ui" line="6"/>
        <source>Answer the buyer&apos;s appeal</source>
        <translation>答复买家申诉</translation>
    </message>
    <message>
        <location filename="../../ui/statement_dialog.ui" line="10"/>
        <source>Statement for the platform</source>
        <translation>给平台的说明</translation>
    </message>
    <message>
        <location filename="../../ui/statement_dialog.ui" line="10"/>
        <source>Explain your side to the platform&apos;s customer service, e.g. the card was activated after delivery.</source>
        <translation>向平台客服说明情况，例如卡密在发货后已被激活。</translation>
    </message>
    <message>
        <location filename="../../ui/statement_dialog.ui" line="13"/>
        <source>Attach image…</source>
        <translation>附加图片……</translation>
    </message>
</context>
<context>
    <name>TemplateManager</name>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="40"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="41"/>
        <source>Approve</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="41"/>
        <source>Partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="42"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="45"/>
        <source>Placeholders: {names}. Text in braces and unknown names are left as typed.</source>
        <translation>可用占位符：{names}。花括号文字和未知名称会原样保留。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="79"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="85"/>
        <source>{name} · {language}</source>
        <translation>{name} · {language}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="108"/>
        <source>Preview: {text}</source>
        <translation>预览：{text}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="133"/>
        <source>Not saved: {why}</source>
        <translation>未保存：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="130"/>
        <source>Not saved: a template with this name exists ({why}).</source>
        <translation>未保存：已存在同名模板（{why}）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="141"/>
        <source>write some text for the buyer</source>
        <translation>请填写给买家的说明</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="142"/>
        <source>a template may have at most {max} characters</source>
        <translation>模板最多{max}个字</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="143"/>
        <source>unknown placeholders {names} (allowed: {allowed})</source>
        <translation>未知的占位符{names}（可用：{allowed}）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="145"/>
        <source>give the template a name of at most {max} characters</source>
        <translation>请给模板起一个不超过{max}个字的名称</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="146"/>
        <source>this reason code does not fit the action</source>
        <translation>该原因代码不适用于此处理结果</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="164"/>
        <source>Export templates</source>
        <translation>导出模板</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="172"/>
        <location filename="../../merchant_console/gui/template_manager.py" line="188"/>
        <source>Import templates</source>
        <translation>导入模板</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="189"/>
        <source>Nothing was imported: {why}</source>
        <translation>未导入任何模板：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="193"/>
        <source>1 template imported.</source>
        <translation>已导入1个模板。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/template_manager.py" line="193"/>
        <source>{n} templates imported.</source>
        <translation>已导入{n}个模板。</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="6"/>
        <source>Reason templates</source>
        <translation>原因模板</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="10"/>
        <source>Action</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="11"/>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="14"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="15"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="16"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="17"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="26"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="28"/>
        <source>Buyer language</source>
        <translation>买家语言</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="29"/>
        <source>The language of the text the buyer receives. Buyers on the platform read Chinese; the console&apos;s own language does not change it.</source>
        <translation>买家收到的说明所用的语言。平台买家使用中文；工作台界面的语言不会改变它。</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="30"/>
        <source>Reason code</source>
        <translation>原因代码</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="32"/>
        <source>Shortcut key</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="34"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="43"/>
        <source>Import…</source>
        <translation>导入……</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="44"/>
        <source>Export…</source>
        <translation>导出……</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="46"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/template_manager.ui" line="47"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
</TS>
