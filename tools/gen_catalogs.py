#!/usr/bin/env python3
"""gen_catalogs.py - build the shipped catalogues (catalogs/*.yaml) from the research TSVs.

    tools/gen_catalogs.py [--src DIR] [--out DIR] [--check]

Reads ../shared/reference/catalog-sources/*.tsv (relative to the repository root) and writes one
CISO Assistant library file per framework into catalogs/. Developers run it by hand after
editing a TSV or the tables below; the generated YAML is committed and the build never runs this
script. --check writes nothing and exits 1 when a committed file differs from what would be
generated (for CI).

Everything cdcf adds to the CISO Assistant format sits under one extension key, `cdcf:`, on the
library, on the framework object and on each requirement node; src/io/catalog.h documents that
schema and is what reads it. Standard library only: no PyYAML; the YAML writer below
quotes every scalar that a YAML 1.1 or 1.2 reader could take for anything but a string.
"""

import argparse
import csv
import json
import os
import re
import sys

LIBRARY_VERSION = 1
# The date this catalogue data was last revised by cdcf (the library's publication date, not the
# standard's). Bump it together with LIBRARY_VERSION when the content changes.
LIBRARY_DATE = "2026-11-22"

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_SRC = os.path.join(ROOT, "..", "shared", "reference", "catalog-sources")
DEFAULT_OUT = os.path.join(ROOT, "catalogs")

# ---------------------------------------------------------------------------------------------
# Score rubrics (X.1060 Table 3; SIM3 0-4 scale)
# ---------------------------------------------------------------------------------------------

RUBRIC_INSOURCE = {
    "min": 1,
    "max": 5,
    "na": {
        "en": "It was decided not to do this service in-house.",
        "ja": "インソースでは実施しないと決めた。",
    },
    "points": [
        (5, "Documented and approved", "文書化・承認済み",
         "The operation is documented, and the documented operation is approved by an "
         "authorized head such as the CISO.",
         "運用が明文化されており、明文化された運用がCISOなど権限のある組織の長に承認されている。"),
        (4, "Documented, others can take over", "文書化済み・引継ぎ可能",
         "The operation is documented; someone other than the person in charge can take over "
         "the work.",
         "運用が明文化されており、担当者に代わって他の者が業務を実施できる。"),
        (3, "Undocumented, partly covered by others", "未文書化・一部代行可能",
         "The operation is not documented; someone else can temporarily stand in for part of "
         "the work.",
         "運用は明文化されていないが、担当者に代わって他の者が一時的に業務の一部を代行できる。"),
        (2, "Undocumented, one person only", "未文書化・属人的",
         "The operation is not documented; only the person in charge can do the work.",
         "運用は明文化されておらず、担当者本人しか業務を実施できない。"),
        (1, "Not done", "未実施",
         "The service is not being done.",
         "実施できていない。"),
    ],
}

RUBRIC_OUTSOURCE = {
    "min": 1,
    "max": 5,
    "na": {
        "en": "It was decided not to outsource this service.",
        "ja": "アウトソースでは実施しないと決めた。",
    },
    "points": [
        (5, "Understood, meets expectations", "理解済み・想定どおり",
         "The service content and its results are understood, and they meet expectations.",
         "サービス内容と得られる結果を理解しており、想定どおりである。"),
        (4, "Understood, below expectations", "理解済み・想定未満",
         "The service content and its results are understood, but they fall short of "
         "expectations.",
         "サービス内容と得られる結果を理解しているが、想定を下回っている。"),
        (3, "Partly understood", "一部未理解",
         "Either the service content or its results are not understood.",
         "サービス内容と得られる結果のいずれかを理解できていない。"),
        (2, "Not understood", "未理解",
         "Neither the service content nor its results are understood.",
         "サービス内容も得られる結果も理解できていない。"),
        (1, "Results not checked", "結果未確認",
         "Results and reports from the provider are not being checked.",
         "結果や報告を確認できていない。"),
    ],
}

RUBRIC_SIM3 = {
    "min": 0,
    "max": 4,
    "na": None,
    "points": [
        (0, "Not available", "未整備",
         "Not available, undefined or unaware: the parameter is not addressed.",
         "存在しない、定義されていない、または認識されていない。"),
        (1, "Implicit", "暗黙的",
         "Implicit: the practice is known and followed but not written down.",
         "暗黙的：把握され実践されているが、文書化されていない。"),
        (2, "Explicit, internal", "明示的・内部",
         "Explicit and internal: written down, but not formalised.",
         "明示的・内部：文書化されているが、正式なものとして承認されていない。"),
        (3, "Explicit, formalised", "明示的・正式化",
         "Explicit and formalised on the authority of the CSIRT head.",
         "明示的・正式化：CSIRTの責任者の権限で正式に定められている。"),
        (4, "Explicit, audited", "明示的・監査済み",
         "Explicit and audited by the governance level above the CSIRT head.",
         "明示的・監査済み：CSIRTの責任者より上位のガバナンスによって監査されている。"),
    ],
}


# Readiness of a PSIRT's operational foundation (cdcf's scale: FIRST defines none).
RUBRIC_READINESS = {
    "min": 0,
    "max": 3,
    "na": None,
    "points": [
        (3, "Sustained", "定着・見直し",
         "In place, resourced and reviewed at least once a cycle; improvements are tracked.",
         "整備され、資源が割り当てられ、少なくともサイクルごとに見直されている。改善が管理されている。"),
        (2, "Established", "確立",
         "Defined, written down and agreed with management; used in practice.",
         "定義・文書化され、経営層と合意されており、実際に使われている。"),
        (1, "Initial", "初期",
         "Started informally: exists in part, depends on individuals, not agreed with "
         "management.",
         "非公式に始まっている：一部だけ存在し、個人に依存し、経営層と合意されていない。"),
        (0, "Absent", "未整備",
         "Not in place: nothing exists for this component yet.",
         "整備されていない：この要素に当たるものはまだ何もない。"),
    ],
}

TITLE_X1060 = ("Score rubric (X.1060 Table 3)", "スコアの基準（X.1060 表3）")
TITLE_FIRST_SERVICE = ("Service score: X.1060 Table 3 applied by cdcf (FIRST defines no scale)",
                       "サービスのスコア：cdcf が X.1060 表3 を適用（FIRST は尺度を定めていない）")
TITLE_READINESS = ("Readiness scale 0-3 (cdcf's judgement; FIRST defines no scale)",
                   "準備度の尺度 0〜3（cdcf の判断。FIRST は尺度を定めていない）")
TITLE_SIM3 = ("SIM3 maturity level 0-4", "SIM3 成熟度レベル 0〜4")


def rubric_obj(r, title=None):
    """The cdcf: rubric object (optional title, min, max, optional na, points)."""
    o = {}
    if title:
        o["title"] = {"en": title[0], "ja": title[1]}
    o["min"], o["max"] = r["min"], r["max"]
    if r["na"]:
        o["na"] = {"en": r["na"]["en"], "ja": r["na"]["ja"]}
    o["points"] = [
        {"score": s, "name": {"en": ne, "ja": nj}, "criterion": {"en": ce, "ja": cj}}
        for (s, ne, nj, ce, cj) in r["points"]
    ]
    return o


def scores_definition(r):
    """The CISO Assistant scores_definition list for a rubric, ascending by score."""
    out = []
    for (s, ne, nj, ce, cj) in sorted(r["points"], key=lambda p: p[0]):
        out.append({
            "score": s,
            "name": ne,
            "description": ce,
            "translations": {"ja": {"name": nj, "description": cj}},
        })
    return out


# ---------------------------------------------------------------------------------------------
# X.1060: our own words and judgement
# ---------------------------------------------------------------------------------------------

X1060_CATEGORY_TEXT = {
    # id: (description_en, description_ja)
    "A": ("Set the direction of the CDC and manage it: cyber risk, policy, resources, quality "
          "and assurance.",
          "サイバーリスク、ポリシー、リソース、品質、監査を通じてCDCの方向性を定め、管理する。"),
    "B": ("Watch security events as they happen, keep the event data and raise alerts.",
          "セキュリティイベントをリアルタイムに監視し、イベントデータを保持し、警告を発する。"),
    "C": ("Investigate incidents and artefacts in depth: forensics, malware analysis, tracing.",
          "フォレンジック、マルウェア解析、追跡により、インシデントと痕跡を深く調べる。"),
    "D": ("Receive incidents, handle them to closure and report on them.",
          "インシデントを受け付け、収束まで対応し、報告する。"),
    "E": ("Check systems and the organization for weaknesses and evaluate its defences.",
          "システムと組織の弱点を診断し、防御能力を評価する。"),
    "F": ("Collect, analyse and evaluate threat intelligence and put it to use.",
          "脅威情報を収集・分析・評価し、活用する。"),
    "G": ("Build, run and improve the platforms and tools the CDC works with.",
          "CDCが利用する基盤とツールを構築・運用・改善する。"),
    "H": ("Support the organization's response to insider wrongdoing.",
          "内部不正への組織の対応を支援する。"),
    "I": ("Work with people inside and outside the organization: awareness, training, advice "
          "and cooperation.",
          "普及啓発、教育、助言、協力を通じて組織内外の関係者と連携する。"),
}

# Japanese service names and short descriptions: cdcf's translation (JT-X1060 wording not seen).
X1060_SERVICE_JA = {
    "A-1": ("リスクマネジメント", "事業に対するサイバーリスクの特定・分析・対応のサイクルを組織全体で回す。"),
    "A-2": ("リスクアセスメント", "資産に対する脅威の発生可能性と影響を見積もり、リスクに優先順位を付ける。"),
    "A-3": ("ポリシー企画", "事業目標と評価したリスクに合ったセキュリティポリシー、基準、規則を起案する。"),
    "A-4": ("ポリシー管理", "採用したポリシーを周知・説明し、見直して改訂し、常に最新に保つ。"),
    "A-5": ("事業継続", "サイバーインシデントが起きても重要業務を継続または復旧できるよう備える。"),
    "A-6": ("事業影響度分析", "どの業務機能が最も重要で、停止するとどれだけ損失が出るかを明らかにする。"),
    "A-7": ("リソース管理", "CDCの要員、スキル、予算、ツールを計画し配分する。"),
    "A-8": ("セキュリティアーキテクチャ設計", "システム全体のどこにどの対策を置くか、セキュリティアーキテクチャを設計する。"),
    "A-9": ("トリアージ基準管理", "イベントやインシデントの優先順位付けに使う基準を定め、維持する。"),
    "A-10": ("対策の選定", "特定したリスクと脅威に対して導入する対策を選ぶ。"),
    "A-11": ("品質管理", "CDCサービスの品質と有効性を測り、改善する。"),
    "A-12": ("セキュリティ監査", "対策やポリシーが整備され遵守されているかを（独立した立場で）確認する。"),
    "A-13": ("認証取得", "セキュリティ態勢について外部の認証や証明を取得し、維持する。"),
    "B-1": ("リアルタイムアセット監視", "資産やセキュリティ機器のログとアラートを継続的に監視し、不審な活動を見つける。"),
    "B-2": ("イベントデータ保持", "収集したイベントやログのデータを、後の分析や証拠のために定めた期間保持する。"),
    "B-3": ("警報・注意喚起", "監視で脅威を見つけたとき、適切な相手に速やかに知らせる。"),
    "B-4": ("報告に関する問い合わせ対応", "警報や分析報告の受け手からの追加の質問に答える。"),
    "C-1": ("フォレンジック分析", "ホストやネットワークの痕跡を詳しく調べ、攻撃者の行動を再構成する。"),
    "C-2": ("マルウェア検体解析", "不審なファイルやマルウェアを解析し、挙動、影響、痕跡情報を明らかにする。"),
    "C-3": ("追跡調査", "攻撃者の経路と活動をシステムをまたいで追い、発信元へさかのぼる。"),
    "C-4": ("フォレンジック証拠収集", "分析や法的利用のため、完全性と保管の連鎖を保って証拠を取得・保全する。"),
    "D-1": ("インシデント報告受付", "組織内外からのインシデント報告を受け付け、記録し、受領を伝える。"),
    "D-2": ("インシデントハンドリング", "関係者を調整しながら、インシデントをトリアージから収束まで進める。"),
    "D-3": ("インシデント分類", "インシデントを種類と深刻度で分類し、対応の進め方を決める。"),
    "D-4": ("インシデント対応・封じ込め", "インシデントの拡大を止め、被害を抑える措置をとる。"),
    "D-5": ("インシデントからの復旧", "影響を受けたシステムとサービスを通常の運用に戻す。"),
    "D-6": ("インシデントの通知", "必要に応じて関係者、顧客、当局にインシデントを知らせる。"),
    "D-7": ("インシデント対応報告", "インシデント、実施した対応、教訓を経営層向けにまとめる。"),
    "E-1": ("ネットワーク情報収集", "組織のネットワーク構成と外部への露出状況の情報を集める。"),
    "E-2": ("資産棚卸", "守るべきハードウェアとソフトウェアの資産一覧を最新に保つ。"),
    "E-3": ("脆弱性診断", "システムに既知の弱点がないかを走査・確認する。"),
    "E-4": ("パッチ管理", "セキュリティ修正の適用状況を把握し、適用を進める。"),
    "E-5": ("ペネトレーションテスト", "攻撃を模擬して防御が機能するかを試す。"),
    "E-6": ("防御能力評価", "演習などにより、攻撃に耐え対応する組織の能力を評価する。"),
    "E-7": ("セキュリティポリシー遵守確認", "システムと人がセキュリティポリシーに従っているかを確認する。"),
    "F-1": ("内部脅威情報の収集・分析", "自組織のインシデントやイベントのデータを再利用できる脅威の知見にする。"),
    "F-2": ("外部脅威情報の収集・評価", "外部の情報源から脅威情報を集め、自組織への関連性を判断する。"),
    "F-3": ("脅威情報レポート", "整理した脅威情報を関係者に配布する。"),
    "F-4": ("脅威情報の活用", "脅威情報を検知ルール、トリアージ基準、対策に反映する。"),
    "F-5": ("インシデント事後分析", "過去のインシデントを振り返り、教訓と痕跡情報を引き出す。"),
    "G-1": ("ネットワークセキュリティ製品の基本運用", "ファイアウォール、IDS、プロキシなどのネットワークセキュリティ機器を日々運用する。"),
    "G-2": ("ネットワークセキュリティ製品の高度運用", "ネットワークセキュリティ機器のルールやシグネチャを調整し、カスタマイズする。"),
    "G-3": ("エンドポイントセキュリティ製品の基本運用", "エンドポイント保護製品やEDRを日々運用する。"),
    "G-4": ("エンドポイントセキュリティ製品の高度運用", "エンドポイントセキュリティ製品を調整し、カスタマイズする。"),
    "G-5": ("深掘分析ツールの運用", "フォレンジックやマルウェア解析に使うツールを用意し、維持する。"),
    "G-6": ("分析基盤の基本運用", "ログ分析基盤やSIEMを運用する。"),
    "G-7": ("分析基盤の高度運用", "相関分析ロジックを開発し、分析基盤を拡張する。"),
    "G-8": ("既存セキュリティツールの評価", "導入済みのセキュリティツールが意図どおり機能しているかを確認する。"),
    "G-9": ("新規セキュリティツールの調査・開発", "新しいセキュリティツールを調査・評価し、または開発する。"),
    "H-1": ("内部不正対応・分析支援", "内部不正事案の調査と分析を支援する。"),
    "H-2": ("内部不正の検知・再発防止支援", "内部の不正利用の検知と再発防止を支援する。"),
    "I-1": ("普及啓発", "従業員のセキュリティ意識を高める。"),
    "I-2": ("教育・トレーニング", "従業員とCDCの要員を教育・訓練する。"),
    "I-3": ("セキュリティコンサルティング", "事業部門からのセキュリティに関する相談に助言する。"),
    "I-4": ("セキュリティベンダーとの連携", "セキュリティベンダーやサービス事業者と協力する。"),
    "I-5": ("外部セキュリティ組織との連携", "CSIRTコミュニティ、ISAC、他のCDC、当局と情報を共有する。"),
}

# Procurement quadrant (X.1060 figure 5): (skill needed 0..100, external information 0..100).
# cdcf's judgement: management type = little specialist skill and the organization's own
# information (keep in-house); threat intelligence and malware analysis = highly specialist and
# mostly external information (natural outsourcing candidates).
X1060_QUADRANT = {
    "A-1": (20, 15), "A-2": (30, 25), "A-3": (15, 10), "A-4": (10, 10), "A-5": (20, 15),
    "A-6": (20, 10), "A-7": (10, 5), "A-8": (45, 25), "A-9": (35, 30), "A-10": (40, 35),
    "A-11": (15, 10), "A-12": (40, 20), "A-13": (25, 30),
    "B-1": (60, 40), "B-2": (35, 15), "B-3": (45, 35), "B-4": (40, 30),
    "C-1": (85, 40), "C-2": (90, 80), "C-3": (85, 70), "C-4": (70, 25),
    "D-1": (25, 30), "D-2": (50, 35), "D-3": (40, 30), "D-4": (60, 30), "D-5": (45, 15),
    "D-6": (25, 35), "D-7": (30, 20),
    "E-1": (45, 30), "E-2": (20, 5), "E-3": (65, 55), "E-4": (35, 40), "E-5": (85, 55),
    "E-6": (70, 45), "E-7": (30, 10),
    "F-1": (70, 30), "F-2": (80, 90), "F-3": (65, 80), "F-4": (70, 75), "F-5": (60, 35),
    "G-1": (45, 30), "G-2": (75, 55), "G-3": (40, 25), "G-4": (75, 55), "G-5": (75, 50),
    "G-6": (50, 25), "G-7": (80, 45), "G-8": (55, 45), "G-9": (85, 70),
    "H-1": (55, 10), "H-2": (50, 10),
    "I-1": (20, 30), "I-2": (35, 35), "I-3": (55, 40), "I-4": (30, 70), "I-5": (40, 85),
}

LEVELS = ("not_required", "basic", "standard", "advanced", "optional")

# Starter presets: cdcf's judgement, not the Recommendation's.
PRESET_FIRST_STEPS = {
    "id": "first-steps",
    "name": {"en": "First steps", "ja": "はじめの一歩"},
    "description": {
        "en": "cdcf's suggestion, not part of X.1060: the minimum that keeps the management "
              "process running - core strategic management, incident report acceptance and "
              "handling at basic, monitoring and alerting at standard; the rest optional or "
              "not required for now.",
        "ja": "cdcfによる提案であり、X.1060の規定ではありません。マネジメントプロセスを回し続ける"
              "ための最小限として、中核となる戦略マネジメントとインシデント報告受付・ハンドリングを"
              "ベーシック、監視と警報をスタンダードとし、それ以外は当面オプションまたは不要とします。",
    },
    "levels": {
        "A-1": "basic", "A-2": "basic", "A-3": "basic", "A-4": "basic", "A-5": "optional",
        "A-6": "optional", "A-7": "basic", "A-8": "optional", "A-9": "basic", "A-10": "basic",
        "A-11": "optional", "A-12": "optional", "A-13": "not_required",
        "B-1": "standard", "B-2": "optional", "B-3": "standard", "B-4": "optional",
        "C-1": "not_required", "C-2": "not_required", "C-3": "not_required", "C-4": "optional",
        "D-1": "basic", "D-2": "basic", "D-3": "optional", "D-4": "optional", "D-5": "optional",
        "D-6": "optional", "D-7": "optional",
        "E-1": "not_required", "E-2": "optional", "E-3": "optional", "E-4": "optional",
        "E-5": "not_required", "E-6": "not_required", "E-7": "not_required",
        "F-1": "not_required", "F-2": "optional", "F-3": "not_required", "F-4": "not_required",
        "F-5": "not_required",
        "G-1": "optional", "G-2": "not_required", "G-3": "optional", "G-4": "not_required",
        "G-5": "not_required", "G-6": "not_required", "G-7": "not_required",
        "G-8": "not_required", "G-9": "not_required",
        "H-1": "not_required", "H-2": "not_required",
        "I-1": "optional", "I-2": "not_required", "I-3": "not_required", "I-4": "not_required",
        "I-5": "optional",
    },
}

PRESET_FULL_CDC = {
    "id": "full-cdc",
    "name": {"en": "Full CDC", "ja": "フルCDC"},
    "description": {
        "en": "cdcf's suggestion, not part of X.1060: a level for every service of a mature "
              "CDC - management, monitoring and incident response at basic, the specialist "
              "services at standard or advanced; nothing left as not required.",
        "ja": "cdcfによる提案であり、X.1060の規定ではありません。成熟したCDCを想定してすべての"
              "サービスにレベルを付けます。マネジメント、監視、インシデント対応をベーシック、専門的な"
              "サービスをスタンダードまたはアドバンスドとし、不要とするサービスはありません。",
    },
    "levels": {
        "A-1": "basic", "A-2": "basic", "A-3": "basic", "A-4": "basic", "A-5": "standard",
        "A-6": "standard", "A-7": "basic", "A-8": "standard", "A-9": "basic", "A-10": "basic",
        "A-11": "standard", "A-12": "standard", "A-13": "optional",
        "B-1": "basic", "B-2": "basic", "B-3": "basic", "B-4": "standard",
        "C-1": "advanced", "C-2": "advanced", "C-3": "advanced", "C-4": "standard",
        "D-1": "basic", "D-2": "basic", "D-3": "basic", "D-4": "basic", "D-5": "standard",
        "D-6": "basic", "D-7": "standard",
        "E-1": "standard", "E-2": "basic", "E-3": "basic", "E-4": "basic", "E-5": "advanced",
        "E-6": "advanced", "E-7": "standard",
        "F-1": "standard", "F-2": "standard", "F-3": "advanced", "F-4": "advanced",
        "F-5": "standard",
        "G-1": "basic", "G-2": "advanced", "G-3": "basic", "G-4": "advanced", "G-5": "advanced",
        "G-6": "standard", "G-7": "advanced", "G-8": "standard", "G-9": "optional",
        "H-1": "optional", "H-2": "optional",
        "I-1": "basic", "I-2": "standard", "I-3": "standard", "I-4": "standard",
        "I-5": "standard",
    },
}

# ---------------------------------------------------------------------------------------------
# FIRST and SIM3: Japanese names
# ---------------------------------------------------------------------------------------------

NEC_NOTE = ("Japanese name as used in a Japanese introduction to the framework (NEC security "
            "blog, 2020), not an official FIRST translation")
CDCF_JA_NOTE = "Japanese name is cdcf's translation, not an official one"
JPCERT_NOTE = ("Japanese name from JPCERT/CC's Japanese summary of the v1.0 draft (2018); the "
               "v1.1 wording may differ")

# id: (name_ja, origin) where origin is "nec" or "cdcf"
CSIRT_JA = {
    "5": ("情報セキュリティイベント管理", "nec"),
    "5.1": ("モニタリングと検知", "nec"),
    "5.2": ("イベントの分析", "nec"),
    "6": ("情報セキュリティインシデント管理", "nec"),
    "6.1": ("情報セキュリティインシデントレポートの受付", "nec"),
    "6.2": ("情報セキュリティインシデントの分析", "nec"),
    "6.3": ("アーティファクトの保全とフォレンジック分析", "nec"),
    "6.4": ("緩和策の実行と回復", "nec"),
    "6.5": ("情報セキュリティインシデントの調整", "nec"),
    "6.6": ("危機管理の支援", "cdcf"),
    "7": ("脆弱性管理", "nec"),
    "7.1": ("脆弱性の発見と研究", "nec"),
    "7.2": ("脆弱性報告の受付", "cdcf"),
    "7.3": ("脆弱性の分析", "nec"),
    "7.4": ("脆弱性の調整", "cdcf"),
    "7.5": ("脆弱性の開示", "cdcf"),
    "7.6": ("脆弱性への対応", "nec"),
    "8": ("状況認識", "nec"),
    "8.1": ("データの獲得", "nec"),
    "8.2": ("分析と統合", "cdcf"),
    "8.3": ("コミュニケーション", "cdcf"),
    "9": ("知識の伝達", "nec"),
    "9.1": ("意識啓発", "cdcf"),
    "9.2": ("トレーニングと教育", "nec"),
    "9.3": ("演習", "cdcf"),
    "9.4": ("技術・ポリシーに関する助言", "cdcf"),
}

PSIRT_JA = {
    "OF": ("運用基盤", "jpcert"),
    "OF.I": ("戦略", "cdcf"),
    "OF.II": ("戦術", "cdcf"),
    "OF.III": ("運用", "cdcf"),
    "OF.I.A": ("経営層の支援", "jpcert"),
    "OF.I.B": ("ステークホルダ", "jpcert"),
    "OF.I.C": ("PSIRT憲章", "jpcert"),
    "OF.I.D": ("組織モデル", "jpcert"),
    "OF.I.E": ("マネジメントとステークホルダの支援", "jpcert"),
    "OF.II.A": ("予算", "jpcert"),
    "OF.II.B": ("スタッフ", "jpcert"),
    "OF.II.C": ("リソースとツール", "jpcert"),
    "OF.III.A": ("ポリシーや手順", "jpcert"),
    "OF.III.B": ("評価と改善", "jpcert"),
    "1": ("ステークホルダエコシステムマネジメント", "jpcert"),
    "1.1": ("内部のステークホルダ管理", "jpcert"),
    "1.2": ("発見者のコミュニティとの交流", "jpcert"),
    "1.3": ("コミュニティと組織との交流", "jpcert"),
    "1.4": ("下流のステークホルダマネジメント", "jpcert"),
    "1.5": ("組織内でのインシデントに関するコミュニケーションの調整", "jpcert"),
    "1.6": ("表彰と謝辞による報酬を発見者に与える", "jpcert"),
    "1.7": ("ステークホルダメトリクス", "jpcert"),
    "2": ("脆弱性の発見", "jpcert"),
    "2.1": ("脆弱性報告の受付", "jpcert"),
    "2.2": ("報告されない脆弱性を特定する", "jpcert"),
    "2.3": ("製品コンポーネントの脆弱性のモニタリング", "jpcert"),
    "2.4": ("新しい脆弱性を特定する", "jpcert"),
    "2.5": ("脆弱性発見のメトリクス", "jpcert"),
    "3": ("脆弱性情報のトリアージと分析", "jpcert"),
    "3.1": ("脆弱性の認定", "jpcert"),
    "3.2": ("発見者との関係構築", "jpcert"),
    "3.3": ("脆弱性の再現", "jpcert"),
    "4": ("対策", "jpcert"),
    "4.1": ("セキュリティパッチリリースマネジメント計画", "jpcert"),
    "4.2": ("対策", "jpcert"),
    "4.3": ("インシデントハンドリング", "jpcert"),
    "4.4": ("脆弱性リリースメトリクス", "jpcert"),
    "5": ("脆弱性の開示", "jpcert"),
    "5.1": ("通知", "jpcert"),
    "5.2": ("コーディネーション", "jpcert"),
    "5.3": ("情報開示", "jpcert"),
    "5.4": ("脆弱性情報マネジメントの評価指標", "jpcert"),
    "6": ("トレーニングと教育", "jpcert"),
    "6.1": ("PSIRTチームのトレーニング", "jpcert"),
    "6.2": ("開発チームのトレーニング", "jpcert"),
    "6.3": ("診断チームのトレーニング", "jpcert"),
    "6.4": ("すべてのステークホルダへの継続的な教育", "jpcert"),
    "6.5": ("フィードバック機能の提供", "jpcert"),
}

SIM3_JA = {
    "O": "組織", "H": "人", "T": "ツール", "P": "プロセス",
    "O-1": "マンデート（任務）", "O-2": "コンスティチュエンシー（対象範囲）", "O-3": "権限",
    "O-4": "責任", "O-5": "サービス記述", "O-7": "サービスレベル記述",
    "O-8": "インシデント分類", "O-9": "既存のCSIRT体制への統合", "O-10": "組織の枠組み",
    "O-11": "セキュリティポリシー",
    "H-1": "行動規範・倫理規程", "H-2": "要員の継続性", "H-3": "スキルセットの記述",
    "H-4": "内部トレーニング", "H-5": "（外部）技術トレーニング",
    "H-6": "（外部）コミュニケーショントレーニング", "H-7": "外部とのネットワーキング",
    "T-1": "ITリソース一覧", "T-2": "情報源一覧", "T-3": "統合電子メールシステム",
    "T-4": "インシデント追跡システム", "T-5": "冗長化された電話", "T-6": "冗長化された電子メール",
    "T-7": "冗長化されたインターネット接続", "T-8": "インシデント予防ツールセット",
    "T-9": "インシデント検知ツールセット", "T-10": "インシデント解決ツールセット",
    "P-1": "ガバナンスレベルへのエスカレーション", "P-2": "広報部門へのエスカレーション",
    "P-3": "法務部門へのエスカレーション", "P-4": "インシデント予防プロセス",
    "P-5": "インシデント検知プロセス", "P-6": "インシデント解決プロセス",
    "P-7": "特定のインシデント向けプロセス", "P-8": "監査・フィードバックプロセス",
    "P-9": "緊急時の連絡確保プロセス", "P-10": "ベストプラクティスに沿ったインターネット上の情報公開",
    "P-11": "機微情報の取扱いプロセス", "P-12": "情報源の活用プロセス",
    "P-13": "アウトリーチプロセス", "P-14": "報告プロセス", "P-15": "統計プロセス",
    "P-16": "会議プロセス", "P-17": "ピアツーピア協力プロセス",
}

# ---------------------------------------------------------------------------------------------
# TSV reading
# ---------------------------------------------------------------------------------------------


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        for k in list(r):
            r[k] = (r[k] or "").strip()
    return rows


def unq(s):
    """Drop the trailing '?' the research notes use to mark an unconfirmed value."""
    return s.rstrip("?").strip()


def clean_note(s):
    s = s.replace("ID assigned here", "ID assigned by cdcf")
    s = s.replace(" in this session", "")
    if s.startswith("sub-function; "):
        s = s[len("sub-function; "):]
    return s.strip().rstrip(";").strip()


def join_notes(*parts):
    return "; ".join(p for p in (clean_note(x) for x in parts if x) if p)


class Builder:
    """Collects the requirement nodes of one framework in document order."""

    def __init__(self, fid):
        self.fid = fid
        self.nodes = []
        self.by_ref = {}

    def urn(self, ref):
        return "urn:cdcf:risk:req_node:%s:%s" % (self.fid, ref.lower())

    def add(self, ref, name, parent, kind, assessable, status, source, description=None,
            name_ja=None, description_ja=None, quadrant=None, management=False):
        if ref in self.by_ref:
            raise SystemExit("%s: duplicate ref_id %r" % (self.fid, ref))
        if parent is not None and parent not in self.by_ref:
            raise SystemExit("%s: %r: parent %r not defined before it" % (self.fid, ref, parent))
        depth = 1 if parent is None else self.by_ref[parent]["depth"] + 1
        node = {"urn": self.urn(ref), "ref_id": ref, "name": name}
        if description:
            node["description"] = description
        node["depth"] = depth
        if parent is not None:
            node["parent_urn"] = self.urn(parent)
        node["assessable"] = bool(assessable)
        ext = {"kind": kind, "status": status, "source": source}
        if name_ja:
            ext["name_ja"] = name_ja
        if description_ja:
            ext["description_ja"] = description_ja
        if quadrant:
            ext["quadrant"] = {"skill": quadrant[0], "info": quadrant[1]}
        if management:
            ext["management"] = True
        node["cdcf"] = ext
        self.nodes.append(node)
        self.by_ref[ref] = node
        return node

    def count(self, kind, status=None):
        return sum(1 for n in self.nodes
                   if n["cdcf"]["kind"] == kind and (status is None or n["cdcf"]["status"] == status))


# ---------------------------------------------------------------------------------------------
# X.1060
# ---------------------------------------------------------------------------------------------

X1060_VERIFIED = set(["A-%d" % i for i in range(1, 14)] + ["B-%d" % i for i in range(1, 5)]
                     + ["C-%d" % i for i in range(1, 5)] + ["D-1"])


def x1060_rows(src):
    rows = read_tsv(os.path.join(src, "x1060-services.tsv"))
    cats21, cats26, services = [], [], []
    numbering = {}
    for r in rows:
        edition = r["edition"]
        if not r["service_id"]:
            (cats21 if "2021" in edition else cats26).append(r)
            continue
        if "2021" not in edition:
            raise SystemExit("x1060: service row outside the 2021 edition: %r" % r["service_id"])
        raw = r["service_id"]
        cat = r["category_id"]
        m = re.fullmatch(r"([A-I])-(\d+|\?)(\??)", raw)
        if not m or m.group(1) != cat:
            raise SystemExit("x1060: bad service id %r" % raw)
        numbering.setdefault(cat, 0)
        numbering[cat] += 1
        assigned = m.group(2) == "?"
        ref = "%s-%d" % (cat, numbering[cat]) if assigned else "%s-%s" % (cat, m.group(2))
        if not assigned and int(m.group(2)) != numbering[cat]:
            raise SystemExit("x1060: %r out of order (expected %s-%d)" % (raw, cat, numbering[cat]))
        services.append(dict(r, ref=ref, assigned=assigned, raw_id=raw))
    return cats21, cats26, services


def x1060_service_source(s, edition):
    ref = s["ref"]
    if ref in X1060_VERIFIED:
        en = "name and number from the table of contents of ITU-T X.1060 (06/2021)"
    else:
        parts = []
        if s["assigned"]:
            parts.append("number %s assigned by cdcf in source-list order (the Recommendation's "
                         "numbering of this service is unknown)" % ref)
        parts.append("provisional: " + clean_note(s["notes"].lstrip("? ").strip())
                     if s["notes"] else "provisional")
        en = "; ".join(parts)
    ja = "Japanese name and description are cdcf's translation, not verified against JT-X1060"
    out = en + "; " + ja
    if edition == "2026":
        out = ("provisional copy of the X.1060 (06/2021) service: the 2026 table of contents "
               "lists no per-service clauses, so the 2026 service list is unverified; 2021 "
               "source: " + out)
    return out


def x1060_category(b, r, edition, cats21_by_id):
    cid = r["category_id"]
    name = r["category_name_en"]
    if edition == "2021":
        name_ja = unq(r["category_name_ja"])
        src = join_notes("English name verified (category names of ITU-T X.1060 (06/2021))",
                         "research notes: " + r["notes"] if r["notes"] else "")
        desc_en, desc_ja = X1060_CATEGORY_TEXT[cid]
    else:
        base = cats21_by_id[cid]
        name_ja = unq(base["category_name_ja"])
        if "CDC/CSC" in name:
            name_ja = name_ja.replace("CDC", "CDC/CSC")
        src = ("English name verified (table of contents of ITU-T X.1060 (03/2026)); Japanese "
               "name adapted by cdcf from the 2021 name, unverified")
        desc_en, desc_ja = X1060_CATEGORY_TEXT[cid]
        desc_en = desc_en.replace("CDC", "CDC/CSC")
        desc_ja = desc_ja.replace("CDC", "CDC/CSC")
    b.add(cid, name, None, "category", False, "verified", src, description=desc_en,
          name_ja=name_ja, description_ja=desc_ja)


def build_x1060(src, edition):
    fid = "x1060-%s" % edition
    cats21, cats26, services = x1060_rows(src)
    cats21_by_id = {r["category_id"]: r for r in cats21}
    cats = cats21 if edition == "2021" else cats26
    if len(cats) != 9:
        raise SystemExit("x1060 %s: expected 9 categories, got %d" % (edition, len(cats)))
    b = Builder(fid)
    for c in cats:
        x1060_category(b, c, edition, cats21_by_id)
        for s in services:
            if s["category_id"] != c["category_id"]:
                continue
            ref = s["ref"]
            if ref not in X1060_SERVICE_JA or ref not in X1060_QUADRANT:
                raise SystemExit("x1060: no Japanese name or quadrant for %s" % ref)
            name_ja, desc_ja = X1060_SERVICE_JA[ref]
            status = "verified" if (edition == "2021" and ref in X1060_VERIFIED) else "provisional"
            b.add(ref, unq(s["service_name_en"]), c["category_id"], "service", True, status,
                  x1060_service_source(s, edition), description=s["summary_en"],
                  name_ja=name_ja, description_ja=desc_ja, quadrant=X1060_QUADRANT[ref],
                  management=(s["category_id"] == "A"))
    service_refs = [n["ref_id"] for n in b.nodes if n["cdcf"]["kind"] == "service"]
    presets = []
    for p in (PRESET_FIRST_STEPS, PRESET_FULL_CDC):
        if sorted(p["levels"]) != sorted(service_refs):
            missing = set(service_refs) ^ set(p["levels"])
            raise SystemExit("preset %s does not cover the services exactly: %s"
                             % (p["id"], sorted(missing)))
        for v in p["levels"].values():
            if v not in LEVELS:
                raise SystemExit("preset %s: bad level %r" % (p["id"], v))
        if p["id"] == "full-cdc" and "not_required" in p["levels"].values():
            raise SystemExit("full-cdc must not leave services not_required")
        presets.append({
            "id": p["id"],
            "name": dict(p["name"]),
            "description": dict(p["description"]),
            "levels": {ref: p["levels"][ref] for ref in service_refs},
        })
    if edition == "2021":
        assert b.count("service", "verified") == 22, b.count("service", "verified")
    else:
        assert b.count("service", "verified") == 0
    assert b.count("category") == 9

    if edition == "2021":
        edition_label = "06/2021"
        title = "ITU-T X.1060 (06/2021) cyber defence centre services"
        name_ja = "ITU-T X.1060 (06/2021) サイバーディフェンスセンターのサービス"
        note = ("9 categories and 64 services in the Recommendation. Category names and services "
                "A-1..A-13, B-1..B-4, C-1..C-4 and D-1 are verified against the table of "
                "contents; every other service is provisional (recalled, partly numbered by "
                "cdcf) and at least 8 services are missing. Correct this file by importing a "
                "newer catalogue: nodes are keyed by framework and ref_id.")
        ref_id = "ITU-T-X.1060-2021"
        pubnote = "ITU-T Recommendation X.1060 (06/2021)"
    else:
        edition_label = "03/2026"
        title = "ITU-T X.1060 (03/2026) CDC/CSC services"
        name_ja = "ITU-T X.1060 (03/2026) CDC/CSCのサービス"
        note = ("The 2026 revision renames the entity CDC/CSC and keeps the nine categories "
                "(names verified against the table of contents). Whether services changed is "
                "unknown: every service here is a provisional copy of the 2021 list.")
        ref_id = "ITU-T-X.1060-2026"
        pubnote = "ITU-T Recommendation X.1060 (03/2026)"

    rubric_note = ("Score rubrics from X.1060 Table 3 (in-house and outsourced); the criteria are "
                   "restated in cdcf's words.")
    lib = library_header(
        fid, ref_id, title,
        "Security services of a cyber defence centre (%s) in 9 categories, with the build "
        "process's recommendation levels, in-house/outsourced score rubrics and procurement "
        "quadrant positions." % pubnote,
        "Service and category names and their numbering come from %s (ITU). Descriptions, "
        "Japanese translations marked as cdcf's, quadrant positions and presets are cdcf's own "
        "words and judgement, not the text of the Recommendation." % pubnote,
        "ITU-T", name_ja, edition_label, note)
    fw = framework_obj(fid, ref_id, title, lib["description"], RUBRIC_INSOURCE, b.nodes, {
        "assessment": {"service": "service"},
        "rubrics": {"insource": rubric_obj(RUBRIC_INSOURCE, TITLE_X1060),
                    "outsource": rubric_obj(RUBRIC_OUTSOURCE, TITLE_X1060)},
        "rubric_source": rubric_note,
        "presets": presets,
        "presets_note": "Presets are cdcf's judgement, not part of the Recommendation.",
    })
    lib["objects"] = {"framework": fw}
    return lib, b


# ---------------------------------------------------------------------------------------------
# FIRST CSIRT SF 2.1 and PSIRT SF 1.1
# ---------------------------------------------------------------------------------------------


def ja_note(origin):
    return {"nec": NEC_NOTE, "cdcf": CDCF_JA_NOTE, "jpcert": JPCERT_NOTE}[origin]


def build_csirt(src):
    fid = "first-csirt-2.1"
    rows = read_tsv(os.path.join(src, "csirt-sf-2.1.tsv"))
    b = Builder(fid)
    doc = "FIRST CSIRT Services Framework v2.1"
    for r in rows:
        aid, sid, fnid = r["area_id"], r["service_id"], r["function_id"]
        prov_q = "?" in r["notes"] or "?" in (fnid + r["function_name"] + r["service_name"])
        if fnid:
            if ".s" in fnid:
                parent = fnid.split(".s")[0]
                kind = "subfunction"
                src_note = join_notes("%s: sub-function under %s" % (doc, parent), r["notes"])
                status = "provisional" if prov_q else "verified"
            else:
                parent, kind = sid, "function"
                src_note = join_notes("%s, section %s" % (doc, fnid), r["notes"])
                # Functions are confirmed (NOTES.md); a '?' on a function row concerns its
                # sub-functions, not the function itself.
                status = "verified"
            b.add(fnid, r["function_name"], parent, kind, False, status, src_note,
                  description=r["summary"] or None)
        elif sid:
            ja, origin = CSIRT_JA[sid]
            b.add(sid, r["service_name"], aid, "service", True, "verified",
                  join_notes("%s, section %s" % (doc, sid), r["notes"], ja_note(origin)),
                  description=r["summary"] or None, name_ja=ja)
        else:
            ja, origin = CSIRT_JA[aid]
            b.add(aid, r["area_name"], None, "area", False, "verified",
                  join_notes("%s, service area %s" % (doc, aid), r["notes"], ja_note(origin)),
                  description=r["summary"] or None, name_ja=ja)
    counts = (b.count("area"), b.count("service"), b.count("function"), b.count("subfunction"))
    if counts != (5, 21, 76, 60):
        raise SystemExit("csirt: unexpected counts %r" % (counts,))
    title = "FIRST CSIRT Services Framework v2.1"
    lib = library_header(
        fid, "FIRST-CSIRT-SF-2.1", title,
        "Services a CSIRT may provide, in 5 service areas (numbered 5-9 as in the source), 21 "
        "services, 76 functions and their sub-functions.",
        "Area, service and function names and numbering come from the FIRST CSIRT Services "
        "Framework v2.1 (FIRST). Sub-function IDs are cdcf's and their names paraphrased; every "
        "description is cdcf's own words, not the text of the framework.",
        "FIRST", "FIRST CSIRTサービスフレームワーク v2.1", "2.1",
        "Areas, services and functions are confirmed against the source. Sub-functions are "
        "unnumbered bullets in the source: their IDs (e.g. 6.4.3.s2) are cdcf's and their names "
        "paraphrased. The framework defines no maturity scale; cdcf applies the X.1060 Table 3 "
        "rubrics.")
    fw = framework_obj(fid, "FIRST-CSIRT-SF-2.1", title, lib["description"], RUBRIC_INSOURCE,
                       b.nodes, {
                           "assessment": {"service": "service"},
                           "rubrics": {
                               "insource": rubric_obj(RUBRIC_INSOURCE, TITLE_FIRST_SERVICE),
                               "outsource": rubric_obj(RUBRIC_OUTSOURCE, TITLE_FIRST_SERVICE)},
                           "rubric_source": "The FIRST framework defines no maturity scale; "
                                            "cdcf applies the X.1060 Table 3 rubrics.",
                       })
    lib["objects"] = {"framework": fw}
    return lib, b


def build_psirt(src):
    fid = "first-psirt-1.1"
    rows = read_tsv(os.path.join(src, "psirt-sf-1.1.tsv"))
    b = Builder(fid)
    doc = "FIRST PSIRT Services Framework v1.1"
    for r in rows:
        aid, sid, fnid = r["area_id"], r["service_id"], r["function_id"]
        status = "provisional" if "?" in r["notes"] else "verified"
        desc = r["summary"] or None
        if aid == "OF":
            ref = fnid or sid or aid
            parent = sid if fnid else (aid if sid else None)
            ja, origin = PSIRT_JA[ref]
            where = ("%s, operational foundations (keys OF.* are cdcf's)" % doc)
            b.add(ref, r["function_name"] or r["service_name"] or r["area_name"], parent,
                  "foundation", bool(fnid), status, join_notes(where, r["notes"], ja_note(origin)),
                  description=desc, name_ja=ja)
            continue
        if fnid:
            parts = fnid.split(".")
            if len(parts) == 3:
                b.add(fnid, r["function_name"], sid, "function", False, status,
                      join_notes("%s, section %s" % (doc, fnid), r["notes"]), description=desc)
            elif len(parts) == 4:
                b.add(fnid, r["function_name"], ".".join(parts[:3]), "subfunction", False,
                      status, join_notes("%s, section %s" % (doc, fnid), r["notes"]),
                      description=desc)
            else:
                raise SystemExit("psirt: unexpected function id %r" % fnid)
        elif sid:
            ja, origin = PSIRT_JA[sid]
            b.add(sid, r["service_name"], aid, "service", True, status,
                  join_notes("%s, service %s" % (doc, sid), r["notes"], ja_note(origin)),
                  description=desc, name_ja=ja)
        else:
            ja, origin = PSIRT_JA[aid]
            b.add(aid, r["area_name"], None, "area", False, status,
                  join_notes("%s, service area %s" % (doc, aid), r["notes"], ja_note(origin)),
                  description=desc, name_ja=ja)
    counts = (b.count("foundation"), b.count("area"), b.count("service"), b.count("function"),
              b.count("subfunction"))
    if counts != (14, 6, 28, 84, 159):
        raise SystemExit("psirt: unexpected counts %r" % (counts,))
    title = "FIRST PSIRT Services Framework v1.1"
    lib = library_header(
        fid, "FIRST-PSIRT-SF-1.1", title,
        "Operational foundations (10 components in strategic, tactical and operational groups) "
        "and 6 service areas with 28 services for teams that handle vulnerabilities in their "
        "organization's own products.",
        "Names and numbering come from the FIRST PSIRT Services Framework v1.1 (FIRST); the "
        "OF.* keys and every description are cdcf's own words, not the text of the framework.",
        "FIRST", "FIRST PSIRTサービスフレームワーク v1.1", "1.1",
        "Operational foundations are not a numbered area in the source; the keys OF.I.A .. "
        "OF.III.B are cdcf's. Source numbering slips (1.5.1.x, 5.3.1.x) were normalised; node "
        "source notes keep the originals. Service 6.5 has no functions; 6.2.1 and 6.3.1 share a "
        "title. The framework defines no maturity scale; cdcf applies the X.1060 Table 3 "
        "rubrics.")
    fw = framework_obj(fid, "FIRST-PSIRT-SF-1.1", title, lib["description"], RUBRIC_INSOURCE,
                       b.nodes, {
                           "assessment": {"service": "service",
                                          "foundation": "readiness"},
                           "rubrics": {
                               "insource": rubric_obj(RUBRIC_INSOURCE, TITLE_FIRST_SERVICE),
                               "outsource": rubric_obj(RUBRIC_OUTSOURCE, TITLE_FIRST_SERVICE)},
                           "rubric_source": "The FIRST framework defines no maturity scale; "
                                            "cdcf applies the X.1060 Table 3 rubrics to the "
                                            "services, and its own readiness scale (0-3) to "
                                            "the operational foundation.",
                           "scales": {"readiness": rubric_obj(RUBRIC_READINESS,
                                                              TITLE_READINESS)},
                       })
    lib["objects"] = {"framework": fw}
    return lib, b


# ---------------------------------------------------------------------------------------------
# SIM3 v1
# ---------------------------------------------------------------------------------------------


def build_sim3(src):
    fid = "sim3-v1"
    rows = read_tsv(os.path.join(src, "sim3.tsv"))
    b = Builder(fid)
    doc = "SIM3 v1 (Open CSIRT Foundation)"
    for r in rows:
        aid, sid = r["area_id"], r["service_id"]
        if aid == "LEVEL":
            continue  # the 0-4 scale: carried by the rubric, not a node
        if "v2 interim only" in r["notes"]:
            continue  # not a v1 parameter
        if sid:
            b.add(sid, unq(r["service_name"]), aid, "parameter", True, "provisional",
                  join_notes("%s parameter %s" % (doc, sid), r["notes"].lstrip("? "),
                             CDCF_JA_NOTE),
                  description=r["summary"] or None, name_ja=SIM3_JA[sid])
        else:
            b.add(aid, r["area_name"], None, "category", False, "verified",
                  join_notes("%s category %s" % (doc, aid), r["notes"], CDCF_JA_NOTE),
                  description=r["summary"] or None, name_ja=SIM3_JA[aid])
    if (b.count("category"), b.count("parameter")) != (4, 44):
        raise SystemExit("sim3: expected 4 categories and 44 parameters, got %d/%d"
                         % (b.count("category"), b.count("parameter")))
    title = "SIM3 v1 maturity model"
    lib = library_header(
        fid, "SIM3-v1", title,
        "The Security Incident Management Maturity Model (SIM3) v1: 4 categories (Organisation, "
        "Human, Tools, Processes) and 44 parameters, each scored on one 0-4 scale.",
        "Category names, parameter numbering and the 0-4 scale come from SIM3 v1 (Open CSIRT "
        "Foundation); descriptions are cdcf's own words.",
        "Open CSIRT Foundation", "SIM3 v1 成熟度モデル", "v1",
        "The scale and the categories are confirmed; the 44 parameter names are recalled and "
        "provisional. O-6 exists only from the v2 interim version and is left out.")
    fw = framework_obj(fid, "SIM3-v1", title, lib["description"], RUBRIC_SIM3, b.nodes, {
        "assessment": {"parameter": "parameter"},
        "rubrics": {"insource": rubric_obj(RUBRIC_SIM3, TITLE_SIM3),
                    "outsource": rubric_obj(RUBRIC_SIM3, TITLE_SIM3)},
        "scales": {"parameter": rubric_obj(RUBRIC_SIM3, TITLE_SIM3)},
        "rubric_source": "SIM3 maturity scale 0-4, one scale for every parameter: a parameter "
                         "is the team's own maturity, with no in-house or outsourced side.",
    })
    lib["objects"] = {"framework": fw}
    return lib, b


# ---------------------------------------------------------------------------------------------
# Library assembly
# ---------------------------------------------------------------------------------------------


def library_header(fid, ref_id, name, description, copyright_, provider, name_ja, edition, note):
    return {
        "urn": "urn:cdcf:risk:library:%s" % fid,
        "locale": "en",
        "ref_id": ref_id,
        "name": name,
        "description": description,
        "copyright": copyright_,
        "version": LIBRARY_VERSION,
        "publication_date": LIBRARY_DATE,
        "provider": provider,
        "packager": "cdcf",
        "cdcf": {"id": fid, "name_ja": name_ja, "edition": edition, "source_note": note},
    }


def framework_obj(fid, ref_id, name, description, scale, nodes, ext):
    return {
        "urn": "urn:cdcf:risk:framework:%s" % fid,
        "ref_id": ref_id,
        "name": name,
        "description": description,
        "min_score": scale["min"],
        "max_score": scale["max"],
        "scores_definition": scores_definition(scale),
        "cdcf": ext,
        "requirement_nodes": nodes,
    }


# ---------------------------------------------------------------------------------------------
# YAML writer (block style, key order kept)
# ---------------------------------------------------------------------------------------------

_RESERVED = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ""}
_NUMBERISH = re.compile(r"^[-+]?(\.?[0-9]|\.(inf|nan))|^0[box]|^[0-9][0-9_:.,-]*$", re.I)
_PLAIN_START_BAD = set("-?:,[]{}#&*!|>'\"%@` \t")


def scalar(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, int):
        return str(v)
    s = str(v)
    plain = (
        s.lower() not in _RESERVED
        and not _NUMBERISH.match(s)
        and s[0] not in _PLAIN_START_BAD
        and s[-1] not in " \t:"
        and ": " not in s
        and " #" not in s
        and not any(c in s for c in "\n\r\t[]{}\\\"")
        and all(ord(c) >= 0x20 and ord(c) != 0x7f for c in s)
        and not re.match(r"^\d{4}-\d\d-\d\d", s)
    )
    if plain:
        return s
    return json.dumps(s, ensure_ascii=False)


def emit(obj, indent, lines):
    pad = " " * indent
    if isinstance(obj, dict):
        for k, v in obj.items():
            key = scalar(k)
            if isinstance(v, dict) and v:
                lines.append("%s%s:" % (pad, key))
                emit(v, indent + 2, lines)
            elif isinstance(v, list) and v:
                lines.append("%s%s:" % (pad, key))
                emit(v, indent, lines)
            elif isinstance(v, dict):
                lines.append("%s%s: {}" % (pad, key))
            elif isinstance(v, list):
                lines.append("%s%s: []" % (pad, key))
            else:
                lines.append("%s%s: %s" % (pad, key, scalar(v)))
    elif isinstance(obj, list):
        for item in obj:
            if isinstance(item, dict) and item:
                sub = []
                emit(item, indent + 2, sub)
                sub[0] = pad + "- " + sub[0][indent + 2:]
                lines.extend(sub)
            elif isinstance(item, list) and item:
                sub = []
                emit(item, indent + 2, sub)
                sub[0] = pad + "- " + sub[0][indent + 2:]
                lines.extend(sub)
            else:
                lines.append("%s- %s" % (pad, scalar(item) if not isinstance(item, (dict, list))
                                         else ("{}" if isinstance(item, dict) else "[]")))
    else:
        lines.append(pad + scalar(obj))


def to_yaml(lib, header):
    lines = ["# " + h for h in header]
    emit(lib, 0, lines)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default=DEFAULT_SRC, help="folder with the catalogue TSV files")
    ap.add_argument("--out", default=DEFAULT_OUT, help="folder to write catalogs/*.yaml into")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if a file would change")
    args = ap.parse_args()

    built = [
        ("x1060-2021", build_x1060(args.src, "2021")),
        ("x1060-2026", build_x1060(args.src, "2026")),
        ("first-csirt-2.1", build_csirt(args.src)),
        ("first-psirt-1.1", build_psirt(args.src)),
        ("sim3-v1", build_sim3(args.src)),
    ]
    header = [
        "Generated by tools/gen_catalogs.py from ../shared/reference/catalog-sources/*.tsv;",
        "edit the TSV or the generator and run it again rather than editing this file.",
        "CISO Assistant library format; cdcf's additions sit under the 'cdcf' keys.",
    ]
    stale = []
    for fid, (lib, b) in built:
        text = to_yaml(lib, header)
        path = os.path.join(args.out, fid + ".yaml")
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old == text:
            continue
        if args.check:
            stale.append(path)
            continue
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        kinds = {}
        for n in b.nodes:
            kinds[n["cdcf"]["kind"]] = kinds.get(n["cdcf"]["kind"], 0) + 1
        print("wrote %s: %s" % (path, ", ".join("%d %s" % (v, k) for k, v in kinds.items())))
    if stale:
        for p in stale:
            print("out of date: %s" % p, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
