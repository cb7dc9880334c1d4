# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'decision_panel.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_DecisionPanel(object):
    def setupUi(self, DecisionPanel):
        if not DecisionPanel.objectName():
            DecisionPanel.setObjectName(u"DecisionPanel")
        self.panelLayout = QVBoxLayout(DecisionPanel)
        self.panelLayout.setObjectName(u"panelLayout")
        self.panelLayout.setContentsMargins(0, -1, 0, -1)
        self.stateRow = QHBoxLayout()
        self.stateRow.setObjectName(u"stateRow")
        self.stateLabel = QLabel(DecisionPanel)
        self.stateLabel.setObjectName(u"stateLabel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.stateLabel.sizePolicy().hasHeightForWidth())
        self.stateLabel.setSizePolicy(sizePolicy)
        self.stateLabel.setWordWrap(True)
        self.stateLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.stateRow.addWidget(self.stateLabel)

        self.acknowledgeButton = QPushButton(DecisionPanel)
        self.acknowledgeButton.setObjectName(u"acknowledgeButton")

        self.stateRow.addWidget(self.acknowledgeButton)


        self.panelLayout.addLayout(self.stateRow)

        self.viewerNote = QLabel(DecisionPanel)
        self.viewerNote.setObjectName(u"viewerNote")
        self.viewerNote.setWordWrap(True)

        self.panelLayout.addWidget(self.viewerNote)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.approveButton = QPushButton(DecisionPanel)
        self.approveButton.setObjectName(u"approveButton")

        self.buttonRow.addWidget(self.approveButton)

        self.partialButton = QPushButton(DecisionPanel)
        self.partialButton.setObjectName(u"partialButton")

        self.buttonRow.addWidget(self.partialButton)

        self.rejectButton = QPushButton(DecisionPanel)
        self.rejectButton.setObjectName(u"rejectButton")

        self.buttonRow.addWidget(self.rejectButton)


        self.panelLayout.addLayout(self.buttonRow)

        self.editor = QWidget(DecisionPanel)
        self.editor.setObjectName(u"editor")
        self.editorForm = QFormLayout(self.editor)
        self.editorForm.setObjectName(u"editorForm")
        self.editorForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.editorForm.setContentsMargins(0, 0, 0, 0)
        self.editorTitle = QLabel(self.editor)
        self.editorTitle.setObjectName(u"editorTitle")

        self.editorForm.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.editorTitle)

        self.amountLabel = QLabel(self.editor)
        self.amountLabel.setObjectName(u"amountLabel")

        self.editorForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.amountLabel)

        self.amountEdit = QLineEdit(self.editor)
        self.amountEdit.setObjectName(u"amountEdit")

        self.editorForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.amountEdit)

        self.reasonCodeLabel = QLabel(self.editor)
        self.reasonCodeLabel.setObjectName(u"reasonCodeLabel")

        self.editorForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.reasonCodeLabel)

        self.reasonCodeCombo = QComboBox(self.editor)
        self.reasonCodeCombo.setObjectName(u"reasonCodeCombo")

        self.editorForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.reasonCodeCombo)

        self.templateLabel = QLabel(self.editor)
        self.templateLabel.setObjectName(u"templateLabel")

        self.editorForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.templateLabel)

        self.templateList = QListWidget(self.editor)
        self.templateList.setObjectName(u"templateList")
        self.templateList.setMaximumSize(QSize(16777215, 120))

        self.editorForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.templateList)

        self.reasonTextLabel = QLabel(self.editor)
        self.reasonTextLabel.setObjectName(u"reasonTextLabel")

        self.editorForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.reasonTextLabel)

        self.reasonEdit = QPlainTextEdit(self.editor)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setMaximumSize(QSize(16777215, 110))

        self.editorForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.reasonEdit)

        self.charCount = QLabel(self.editor)
        self.charCount.setObjectName(u"charCount")

        self.editorForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.charCount)

        self.attachButton = QPushButton(self.editor)
        self.attachButton.setObjectName(u"attachButton")

        self.editorForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.attachButton)

        self.attachmentsLabel = QLabel(self.editor)
        self.attachmentsLabel.setObjectName(u"attachmentsLabel")
        self.attachmentsLabel.setWordWrap(True)

        self.editorForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.attachmentsLabel)

        self.errorLabel = QLabel(self.editor)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.editorForm.setWidget(7, QFormLayout.ItemRole.SpanningRole, self.errorLabel)

        self.submitRow = QHBoxLayout()
        self.submitRow.setObjectName(u"submitRow")
        self.submitSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.submitRow.addItem(self.submitSpacer)

        self.cancelButton = QPushButton(self.editor)
        self.cancelButton.setObjectName(u"cancelButton")

        self.submitRow.addWidget(self.cancelButton)

        self.submitButton = QPushButton(self.editor)
        self.submitButton.setObjectName(u"submitButton")

        self.submitRow.addWidget(self.submitButton)


        self.editorForm.setLayout(8, QFormLayout.ItemRole.SpanningRole, self.submitRow)


        self.panelLayout.addWidget(self.editor)

#if QT_CONFIG(shortcut)
        self.amountLabel.setBuddy(self.amountEdit)
        self.reasonCodeLabel.setBuddy(self.reasonCodeCombo)
        self.templateLabel.setBuddy(self.templateList)
        self.reasonTextLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DecisionPanel)

        self.submitButton.setDefault(True)


        QMetaObject.connectSlotsByName(DecisionPanel)
    # setupUi

    def retranslateUi(self, DecisionPanel):
        self.stateLabel.setText("")
        self.acknowledgeButton.setText(QCoreApplication.translate("DecisionPanel", u"Got it  (G)", None))
#if QT_CONFIG(tooltip)
        self.acknowledgeButton.setToolTip(QCoreApplication.translate("DecisionPanel", u"You have seen that the platform did not take this decision: the refund leaves \u201cUploading / conflicts\u201d. The decision and what the platform did stay in the history.", None))
#endif // QT_CONFIG(tooltip)
        self.viewerNote.setText(QCoreApplication.translate("DecisionPanel", u"You are signed in as shop staff (viewer): you can look at refunds and evidence, but only operators and managers can decide.", None))
        self.approveButton.setText(QCoreApplication.translate("DecisionPanel", u"Approve  (A)", None))
        self.partialButton.setText(QCoreApplication.translate("DecisionPanel", u"Partial  (P)", None))
        self.rejectButton.setText(QCoreApplication.translate("DecisionPanel", u"Reject  (R)", None))
        self.editorTitle.setText("")
        self.amountLabel.setText(QCoreApplication.translate("DecisionPanel", u"Amount (\u00a5)", None))
#if QT_CONFIG(accessibility)
        self.amountEdit.setAccessibleName(QCoreApplication.translate("DecisionPanel", u"Refund amount in yuan", None))
#endif // QT_CONFIG(accessibility)
        self.reasonCodeLabel.setText(QCoreApplication.translate("DecisionPanel", u"Reason", None))
#if QT_CONFIG(accessibility)
        self.reasonCodeCombo.setAccessibleName(QCoreApplication.translate("DecisionPanel", u"Reason code", None))
#endif // QT_CONFIG(accessibility)
        self.templateLabel.setText(QCoreApplication.translate("DecisionPanel", u"Templates", None))
#if QT_CONFIG(accessibility)
        self.templateList.setAccessibleName(QCoreApplication.translate("DecisionPanel", u"Reason templates", None))
#endif // QT_CONFIG(accessibility)
        self.reasonTextLabel.setText(QCoreApplication.translate("DecisionPanel", u"Text for the buyer", None))
#if QT_CONFIG(accessibility)
        self.reasonEdit.setAccessibleName(QCoreApplication.translate("DecisionPanel", u"Reason text for the buyer", None))
#endif // QT_CONFIG(accessibility)
        self.charCount.setText("")
        self.attachButton.setText(QCoreApplication.translate("DecisionPanel", u"Attach image\u2026", None))
        self.attachmentsLabel.setText("")
        self.errorLabel.setText("")
        self.cancelButton.setText(QCoreApplication.translate("DecisionPanel", u"Cancel", None))
        self.submitButton.setText(QCoreApplication.translate("DecisionPanel", u"Save decision", None))
        pass
    # retranslateUi

